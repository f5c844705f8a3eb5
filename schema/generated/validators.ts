/* Generated from schema/*.schema.json by `npm run gen:types` (ajv standalone). Do not edit. */
// @ts-nocheck
"use strict";
export const captured = validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://drover.dev/schema/captured.schema.json","title":"CapturedFile","description":"captured.json: what `drover capture` found on each target (disnix-capture-infra). Templates see it as target.captured.*; the scheduler uses its cores and memory where a target declares no capacity; pools that say skipInUse do not hand out what is in use there.","type":"object","additionalProperties":false,"required":["targets"],"properties":{"version":{"const":1,"description":"The format of this file; drover refuses a version it does not know."},"targets":{"type":"object","description":"What was found on each target, by target name.","additionalProperties":{"$ref":"#/definitions/captured"}}},"definitions":{"captured":{"title":"CapturedTarget","type":"object","additionalProperties":false,"required":["time"],"properties":{"time":{"type":"string","description":"When it was captured (ISO 8601)."},"system":{"type":"string","description":"Architecture and kernel, as Nix names systems: x86_64-linux."},"cores":{"type":"integer","minimum":1,"description":"Processors online."},"memory":{"type":"integer","minimum":0,"description":"Memory, in bytes."},"os":{"type":"string","description":"The operating system, as it names itself."},"managers":{"type":"array","description":"The process managers found on it.","items":{"type":"string"}},"systemdPid1":{"type":"boolean","description":"Whether systemd runs as process 1."},"uids":{"$ref":"#/definitions/numbers","description":"User IDs of its accounts."},"gids":{"$ref":"#/definitions/numbers","description":"Group IDs of its groups."},"ports":{"$ref":"#/definitions/numbers","description":"TCP ports something listens on."}}},"numbers":{"type":"array","maxItems":100000,"items":{"type":"integer","minimum":0,"maximum":4294967295}}}};
const schema12 = {"title":"CapturedTarget","type":"object","additionalProperties":false,"required":["time"],"properties":{"time":{"type":"string","description":"When it was captured (ISO 8601)."},"system":{"type":"string","description":"Architecture and kernel, as Nix names systems: x86_64-linux."},"cores":{"type":"integer","minimum":1,"description":"Processors online."},"memory":{"type":"integer","minimum":0,"description":"Memory, in bytes."},"os":{"type":"string","description":"The operating system, as it names itself."},"managers":{"type":"array","description":"The process managers found on it.","items":{"type":"string"}},"systemdPid1":{"type":"boolean","description":"Whether systemd runs as process 1."},"uids":{"$ref":"#/definitions/numbers","description":"User IDs of its accounts."},"gids":{"$ref":"#/definitions/numbers","description":"Group IDs of its groups."},"ports":{"$ref":"#/definitions/numbers","description":"TCP ports something listens on."}}};
const schema13 = {"type":"array","maxItems":100000,"items":{"type":"integer","minimum":0,"maximum":4294967295}};
const func2 = Object.prototype.hasOwnProperty;

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.time === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "time"},message:"must have required property '"+"time"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema12.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.time !== undefined){
let data0 = data.time;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/time",schemaPath:"#/properties/time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.time.type,parentSchema:schema12.properties.time,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.system !== undefined){
let data1 = data.system;
if(typeof data1 !== "string"){
const err3 = {instancePath:instancePath+"/system",schemaPath:"#/properties/system/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.system.type,parentSchema:schema12.properties.system,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.cores !== undefined){
let data2 = data.cores;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err4 = {instancePath:instancePath+"/cores",schemaPath:"#/properties/cores/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.cores.type,parentSchema:schema12.properties.cores,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 1 || isNaN(data2)){
const err5 = {instancePath:instancePath+"/cores",schemaPath:"#/properties/cores/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema12.properties.cores,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.memory !== undefined){
let data3 = data.memory;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err6 = {instancePath:instancePath+"/memory",schemaPath:"#/properties/memory/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.memory.type,parentSchema:schema12.properties.memory,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 0 || isNaN(data3)){
const err7 = {instancePath:instancePath+"/memory",schemaPath:"#/properties/memory/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema12.properties.memory,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
if(data.os !== undefined){
let data4 = data.os;
if(typeof data4 !== "string"){
const err8 = {instancePath:instancePath+"/os",schemaPath:"#/properties/os/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.os.type,parentSchema:schema12.properties.os,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.managers !== undefined){
let data5 = data.managers;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 !== "string"){
const err9 = {instancePath:instancePath+"/managers/" + i0,schemaPath:"#/properties/managers/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.managers.items.type,parentSchema:schema12.properties.managers.items,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/managers",schemaPath:"#/properties/managers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.managers.type,parentSchema:schema12.properties.managers,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.systemdPid1 !== undefined){
let data7 = data.systemdPid1;
if(typeof data7 !== "boolean"){
const err11 = {instancePath:instancePath+"/systemdPid1",schemaPath:"#/properties/systemdPid1/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.systemdPid1.type,parentSchema:schema12.properties.systemdPid1,data:data7};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.uids !== undefined){
let data8 = data.uids;
if(Array.isArray(data8)){
if(data8.length > 100000){
const err12 = {instancePath:instancePath+"/uids",schemaPath:"#/definitions/numbers/maxItems",keyword:"maxItems",params:{limit: 100000},message:"must NOT have more than 100000 items",schema:100000,parentSchema:schema13,data:data8};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
const len1 = data8.length;
for(let i1=0; i1<len1; i1++){
let data9 = data8[i1];
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err13 = {instancePath:instancePath+"/uids/" + i1,schemaPath:"#/definitions/numbers/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema13.items.type,parentSchema:schema13.items,data:data9};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 > 4294967295 || isNaN(data9)){
const err14 = {instancePath:instancePath+"/uids/" + i1,schemaPath:"#/definitions/numbers/items/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295",schema:4294967295,parentSchema:schema13.items,data:data9};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data9 < 0 || isNaN(data9)){
const err15 = {instancePath:instancePath+"/uids/" + i1,schemaPath:"#/definitions/numbers/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema13.items,data:data9};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
}
else {
const err16 = {instancePath:instancePath+"/uids",schemaPath:"#/definitions/numbers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema13.type,parentSchema:schema13,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.gids !== undefined){
let data10 = data.gids;
if(Array.isArray(data10)){
if(data10.length > 100000){
const err17 = {instancePath:instancePath+"/gids",schemaPath:"#/definitions/numbers/maxItems",keyword:"maxItems",params:{limit: 100000},message:"must NOT have more than 100000 items",schema:100000,parentSchema:schema13,data:data10};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const len2 = data10.length;
for(let i2=0; i2<len2; i2++){
let data11 = data10[i2];
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err18 = {instancePath:instancePath+"/gids/" + i2,schemaPath:"#/definitions/numbers/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema13.items.type,parentSchema:schema13.items,data:data11};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 4294967295 || isNaN(data11)){
const err19 = {instancePath:instancePath+"/gids/" + i2,schemaPath:"#/definitions/numbers/items/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295",schema:4294967295,parentSchema:schema13.items,data:data11};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data11 < 0 || isNaN(data11)){
const err20 = {instancePath:instancePath+"/gids/" + i2,schemaPath:"#/definitions/numbers/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema13.items,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
}
else {
const err21 = {instancePath:instancePath+"/gids",schemaPath:"#/definitions/numbers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema13.type,parentSchema:schema13,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.ports !== undefined){
let data12 = data.ports;
if(Array.isArray(data12)){
if(data12.length > 100000){
const err22 = {instancePath:instancePath+"/ports",schemaPath:"#/definitions/numbers/maxItems",keyword:"maxItems",params:{limit: 100000},message:"must NOT have more than 100000 items",schema:100000,parentSchema:schema13,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
const len3 = data12.length;
for(let i3=0; i3<len3; i3++){
let data13 = data12[i3];
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err23 = {instancePath:instancePath+"/ports/" + i3,schemaPath:"#/definitions/numbers/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema13.items.type,parentSchema:schema13.items,data:data13};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 > 4294967295 || isNaN(data13)){
const err24 = {instancePath:instancePath+"/ports/" + i3,schemaPath:"#/definitions/numbers/items/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967295},message:"must be <= 4294967295",schema:4294967295,parentSchema:schema13.items,data:data13};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data13 < 0 || isNaN(data13)){
const err25 = {instancePath:instancePath+"/ports/" + i3,schemaPath:"#/definitions/numbers/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema13.items,data:data13};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
}
else {
const err26 = {instancePath:instancePath+"/ports",schemaPath:"#/definitions/numbers/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema13.type,parentSchema:schema13,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://drover.dev/schema/captured.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.targets === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "targets"},message:"must have required property '"+"targets"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "version") || (key0 === "targets"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.version !== undefined){
let data0 = data.version;
if(1 !== data0){
const err2 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema11.properties.version,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.targets !== undefined){
let data1 = data.targets;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
if(!(validate11(data1[key1], {instancePath:instancePath+"/targets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data1,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
}
else {
const err3 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.targets.type,parentSchema:schema11.properties.targets,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

export const distribution = validate13;
const schema16 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://drover.dev/schema/distribution.schema.json","title":"DistributionFile","description":"distribution.yaml: which service runs where.","type":"object","additionalProperties":false,"required":["distribution"],"properties":{"distribution":{"type":"object","description":"Service name to a list of target names, or to {targets: [{target, container}]}.","additionalProperties":{"$ref":"#/definitions/placement"}}},"definitions":{"placement":{"title":"Placement","anyOf":[{"type":"array","items":{"type":"string","format":"identifier"}},{"type":"object","additionalProperties":false,"required":["targets"],"properties":{"targets":{"type":"array","items":{"title":"PlacementTarget","type":"object","additionalProperties":false,"required":["target"],"properties":{"target":{"type":"string","format":"identifier"},"container":{"type":"string","format":"identifier","description":"Defaults to the service's type."}}}}}}]}}};
const schema17 = {"title":"Placement","anyOf":[{"type":"array","items":{"type":"string","format":"identifier"}},{"type":"object","additionalProperties":false,"required":["targets"],"properties":{"targets":{"type":"array","items":{"title":"PlacementTarget","type":"object","additionalProperties":false,"required":["target"],"properties":{"target":{"type":"string","format":"identifier"},"container":{"type":"string","format":"identifier","description":"Defaults to the service's type."}}}}}}]};
const formats0 = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://drover.dev/schema/distribution.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.distribution === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "distribution"},message:"must have required property '"+"distribution"+"'",schema:schema16.required,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "distribution")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.distribution !== undefined){
let data0 = data.distribution;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
let data1 = data0[key1];
const _errs7 = errors;
let valid3 = false;
const _errs8 = errors;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(!(formats0.test(data2))){
const err2 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i0,schemaPath:"#/definitions/placement/anyOf/0/items/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema17.anyOf[0].items,data:data2};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i0,schemaPath:"#/definitions/placement/anyOf/0/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.anyOf[0].items.type,parentSchema:schema17.anyOf[0].items,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/placement/anyOf/0/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema17.anyOf[0].type,parentSchema:schema17.anyOf[0],data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
var _valid0 = _errs8 === errors;
valid3 = valid3 || _valid0;
if(!valid3){
const _errs12 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.targets === undefined){
const err5 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/placement/anyOf/1/required",keyword:"required",params:{missingProperty: "targets"},message:"must have required property '"+"targets"+"'",schema:schema17.anyOf[1].required,parentSchema:schema17.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key2 in data1){
if(!(key2 === "targets")){
const err6 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/placement/anyOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema17.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.targets !== undefined){
let data3 = data1.targets;
if(Array.isArray(data3)){
const len1 = data3.length;
for(let i1=0; i1<len1; i1++){
let data4 = data3[i1];
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.target === undefined){
const err7 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/targets/" + i1,schemaPath:"#/definitions/placement/anyOf/1/properties/targets/items/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'",schema:schema17.anyOf[1].properties.targets.items.required,parentSchema:schema17.anyOf[1].properties.targets.items,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key3 in data4){
if(!((key3 === "target") || (key3 === "container"))){
const err8 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/targets/" + i1,schemaPath:"#/definitions/placement/anyOf/1/properties/targets/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema17.anyOf[1].properties.targets.items,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data4.target !== undefined){
let data5 = data4.target;
if(typeof data5 === "string"){
if(!(formats0.test(data5))){
const err9 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/targets/" + i1+"/target",schemaPath:"#/definitions/placement/anyOf/1/properties/targets/items/properties/target/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema17.anyOf[1].properties.targets.items.properties.target,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/targets/" + i1+"/target",schemaPath:"#/definitions/placement/anyOf/1/properties/targets/items/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.anyOf[1].properties.targets.items.properties.target.type,parentSchema:schema17.anyOf[1].properties.targets.items.properties.target,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data4.container !== undefined){
let data6 = data4.container;
if(typeof data6 === "string"){
if(!(formats0.test(data6))){
const err11 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/targets/" + i1+"/container",schemaPath:"#/definitions/placement/anyOf/1/properties/targets/items/properties/container/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema17.anyOf[1].properties.targets.items.properties.container,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/targets/" + i1+"/container",schemaPath:"#/definitions/placement/anyOf/1/properties/targets/items/properties/container/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.anyOf[1].properties.targets.items.properties.container.type,parentSchema:schema17.anyOf[1].properties.targets.items.properties.container,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/targets/" + i1,schemaPath:"#/definitions/placement/anyOf/1/properties/targets/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.anyOf[1].properties.targets.items.type,parentSchema:schema17.anyOf[1].properties.targets.items,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/targets",schemaPath:"#/definitions/placement/anyOf/1/properties/targets/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema17.anyOf[1].properties.targets.type,parentSchema:schema17.anyOf[1].properties.targets,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/placement/anyOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.anyOf[1].type,parentSchema:schema17.anyOf[1],data:data1};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
var _valid0 = _errs12 === errors;
valid3 = valid3 || _valid0;
}
if(!valid3){
const err16 = {instancePath:instancePath+"/distribution/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/placement/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema17.anyOf,parentSchema:schema17,data:data1};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
else {
errors = _errs7;
if(vErrors !== null){
if(_errs7){
vErrors.length = _errs7;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err17 = {instancePath:instancePath+"/distribution",schemaPath:"#/properties/distribution/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema16.properties.distribution.type,parentSchema:schema16.properties.distribution,data:data0};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema16.type,parentSchema:schema16,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate13.errors = vErrors;
return errors === 0;
}

export const idresources = validate14;
const schema18 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://drover.dev/schema/idresources.schema.json","title":"IdResourcesFile","description":"idresources.yaml: pools of numeric IDs (ports, uids, gids) handed out to services.","type":"object","additionalProperties":false,"required":["pools"],"properties":{"pools":{"type":"object","additionalProperties":{"$ref":"#/definitions/pool"}}},"definitions":{"pool":{"title":"Pool","description":"Either a range (min, max, step, scope) or follows: another pool whose ID each service reuses.","type":"object","additionalProperties":false,"properties":{"min":{"type":"integer","minimum":0,"maximum":9007199254740991},"max":{"type":"integer","minimum":0,"maximum":9007199254740991},"step":{"type":"integer","minimum":1,"maximum":9007199254740991,"description":"Distance between IDs (default 1)."},"scope":{"enum":["global","machine"],"description":"global (default): unique everywhere; machine: unique per target."},"follows":{"type":"string","format":"identifier","description":"Reuse the ID this other pool gives the service (gids follow uids)."},"reserved":{"type":"array","items":{"type":"integer","minimum":0,"maximum":9007199254740991},"uniqueItems":true,"description":"IDs never handed out, such as those of accounts that already exist on the targets."},"skipInUse":{"enum":["uids","gids","ports"],"description":"Never hand out an ID that captured.json (drover capture) shows in use on a target the service is placed on: its uids, gids or listening ports. IDs already assigned are kept. The IDs skipped are recorded in ids.json under reserved (target -> pool -> IDs)."}}}}};
const schema19 = {"title":"Pool","description":"Either a range (min, max, step, scope) or follows: another pool whose ID each service reuses.","type":"object","additionalProperties":false,"properties":{"min":{"type":"integer","minimum":0,"maximum":9007199254740991},"max":{"type":"integer","minimum":0,"maximum":9007199254740991},"step":{"type":"integer","minimum":1,"maximum":9007199254740991,"description":"Distance between IDs (default 1)."},"scope":{"enum":["global","machine"],"description":"global (default): unique everywhere; machine: unique per target."},"follows":{"type":"string","format":"identifier","description":"Reuse the ID this other pool gives the service (gids follow uids)."},"reserved":{"type":"array","items":{"type":"integer","minimum":0,"maximum":9007199254740991},"uniqueItems":true,"description":"IDs never handed out, such as those of accounts that already exist on the targets."},"skipInUse":{"enum":["uids","gids","ports"],"description":"Never hand out an ID that captured.json (drover capture) shows in use on a target the service is placed on: its uids, gids or listening ports. IDs already assigned are kept. The IDs skipped are recorded in ids.json under reserved (target -> pool -> IDs)."}}};

function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://drover.dev/schema/idresources.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.pools === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "pools"},message:"must have required property '"+"pools"+"'",schema:schema18.required,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "pools")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.pools !== undefined){
let data0 = data.pools;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
let data1 = data0[key1];
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key2 in data1){
if(!(((((((key2 === "min") || (key2 === "max")) || (key2 === "step")) || (key2 === "scope")) || (key2 === "follows")) || (key2 === "reserved")) || (key2 === "skipInUse"))){
const err2 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/pool/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema19,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data1.min !== undefined){
let data2 = data1.min;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err3 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/min",schemaPath:"#/definitions/pool/properties/min/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema19.properties.min.type,parentSchema:schema19.properties.min,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 9007199254740991 || isNaN(data2)){
const err4 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/min",schemaPath:"#/definitions/pool/properties/min/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991",schema:9007199254740991,parentSchema:schema19.properties.min,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data2 < 0 || isNaN(data2)){
const err5 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/min",schemaPath:"#/definitions/pool/properties/min/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema19.properties.min,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data1.max !== undefined){
let data3 = data1.max;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err6 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/max",schemaPath:"#/definitions/pool/properties/max/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema19.properties.max.type,parentSchema:schema19.properties.max,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 9007199254740991 || isNaN(data3)){
const err7 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/max",schemaPath:"#/definitions/pool/properties/max/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991",schema:9007199254740991,parentSchema:schema19.properties.max,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data3 < 0 || isNaN(data3)){
const err8 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/max",schemaPath:"#/definitions/pool/properties/max/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema19.properties.max,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
if(data1.step !== undefined){
let data4 = data1.step;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err9 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/step",schemaPath:"#/definitions/pool/properties/step/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema19.properties.step.type,parentSchema:schema19.properties.step,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 9007199254740991 || isNaN(data4)){
const err10 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/step",schemaPath:"#/definitions/pool/properties/step/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991",schema:9007199254740991,parentSchema:schema19.properties.step,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data4 < 1 || isNaN(data4)){
const err11 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/step",schemaPath:"#/definitions/pool/properties/step/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema19.properties.step,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
if(data1.scope !== undefined){
let data5 = data1.scope;
if(!((data5 === "global") || (data5 === "machine"))){
const err12 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/scope",schemaPath:"#/definitions/pool/properties/scope/enum",keyword:"enum",params:{allowedValues: schema19.properties.scope.enum},message:"must be equal to one of the allowed values",schema:schema19.properties.scope.enum,parentSchema:schema19.properties.scope,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data1.follows !== undefined){
let data6 = data1.follows;
if(typeof data6 === "string"){
if(!(formats0.test(data6))){
const err13 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/follows",schemaPath:"#/definitions/pool/properties/follows/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema19.properties.follows,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/follows",schemaPath:"#/definitions/pool/properties/follows/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.properties.follows.type,parentSchema:schema19.properties.follows,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data1.reserved !== undefined){
let data7 = data1.reserved;
if(Array.isArray(data7)){
const len0 = data7.length;
for(let i0=0; i0<len0; i0++){
let data8 = data7[i0];
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err15 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/reserved/" + i0,schemaPath:"#/definitions/pool/properties/reserved/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema19.properties.reserved.items.type,parentSchema:schema19.properties.reserved.items,data:data8};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 9007199254740991 || isNaN(data8)){
const err16 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/reserved/" + i0,schemaPath:"#/definitions/pool/properties/reserved/items/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991",schema:9007199254740991,parentSchema:schema19.properties.reserved.items,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data8 < 0 || isNaN(data8)){
const err17 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/reserved/" + i0,schemaPath:"#/definitions/pool/properties/reserved/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema19.properties.reserved.items,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
let i1 = data7.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data7[i1];
if(!(((typeof item0 == "number") && (!(item0 % 1) && !isNaN(item0))) && (isFinite(item0)))){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err18 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/reserved",schemaPath:"#/definitions/pool/properties/reserved/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema19.properties.reserved,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err19 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/reserved",schemaPath:"#/definitions/pool/properties/reserved/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema19.properties.reserved.type,parentSchema:schema19.properties.reserved,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data1.skipInUse !== undefined){
let data9 = data1.skipInUse;
if(!(((data9 === "uids") || (data9 === "gids")) || (data9 === "ports"))){
const err20 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/skipInUse",schemaPath:"#/definitions/pool/properties/skipInUse/enum",keyword:"enum",params:{allowedValues: schema19.properties.skipInUse.enum},message:"must be equal to one of the allowed values",schema:schema19.properties.skipInUse.enum,parentSchema:schema19.properties.skipInUse,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/pools/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/pool/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema19.type,parentSchema:schema19,data:data1};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/pools",schemaPath:"#/properties/pools/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.properties.pools.type,parentSchema:schema18.properties.pools,data:data0};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema18.type,parentSchema:schema18,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}

export const ids = validate15;
const schema20 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://drover.dev/schema/ids.schema.json","title":"IdsFile","description":"ids.json: the IDs assigned to services (written by drover, kept across runs).","type":"object","additionalProperties":false,"required":["ids","lastAssignments","lastAssignmentsPerTarget"],"properties":{"version":{"const":1,"description":"The format of this file; drover refuses a version it does not know. Files written before versions existed have none."},"ids":{"$ref":"#/definitions/poolAssignments","description":"pool -> service -> ID."},"lastAssignments":{"$ref":"#/definitions/cursors","description":"Last ID handed out per global pool."},"lastAssignmentsPerTarget":{"type":"object","description":"target -> pool -> last ID handed out, for machine-scoped pools.","additionalProperties":{"$ref":"#/definitions/cursors"}},"retired":{"$ref":"#/definitions/poolAssignments","description":"pool -> service -> ID released when the service went away; given back if it returns while the ID is free."},"reserved":{"type":"object","description":"target -> pool -> IDs (ascending) that the pool skipped because captured.json shows them in use on that target (skipInUse), in both scopes: no service placed on that target gets them. An ID stays while it is still captured in use there; absent when nothing is reserved.","additionalProperties":{"type":"object","additionalProperties":{"type":"array","items":{"type":"integer"},"uniqueItems":true}}}},"definitions":{"cursors":{"type":"object","additionalProperties":{"type":"integer"}},"poolAssignments":{"type":"object","additionalProperties":{"type":"object","additionalProperties":{"type":"integer"}}}}};
const schema21 = {"type":"object","additionalProperties":{"type":"object","additionalProperties":{"type":"integer"}}};
const schema22 = {"type":"object","additionalProperties":{"type":"integer"}};

function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://drover.dev/schema/ids.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.ids === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "ids"},message:"must have required property '"+"ids"+"'",schema:schema20.required,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.lastAssignments === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "lastAssignments"},message:"must have required property '"+"lastAssignments"+"'",schema:schema20.required,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.lastAssignmentsPerTarget === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "lastAssignmentsPerTarget"},message:"must have required property '"+"lastAssignmentsPerTarget"+"'",schema:schema20.required,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "version") || (key0 === "ids")) || (key0 === "lastAssignments")) || (key0 === "lastAssignmentsPerTarget")) || (key0 === "retired")) || (key0 === "reserved"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.version !== undefined){
let data0 = data.version;
if(1 !== data0){
const err4 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema20.properties.version,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.ids !== undefined){
let data1 = data.ids;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
let data2 = data1[key1];
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key2 in data2){
let data3 = data2[key2];
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err5 = {instancePath:instancePath+"/ids/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/poolAssignments/additionalProperties/additionalProperties/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema21.additionalProperties.additionalProperties.type,parentSchema:schema21.additionalProperties.additionalProperties,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath:instancePath+"/ids/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/poolAssignments/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.additionalProperties.type,parentSchema:schema21.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath:instancePath+"/ids",schemaPath:"#/definitions/poolAssignments/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.type,parentSchema:schema21,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.lastAssignments !== undefined){
let data4 = data.lastAssignments;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key3 in data4){
let data5 = data4[key3];
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err8 = {instancePath:instancePath+"/lastAssignments/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/cursors/additionalProperties/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema22.additionalProperties.type,parentSchema:schema22.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/lastAssignments",schemaPath:"#/definitions/cursors/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.type,parentSchema:schema22,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.lastAssignmentsPerTarget !== undefined){
let data6 = data.lastAssignmentsPerTarget;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key4 in data6){
let data7 = data6[key4];
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key5 in data7){
let data8 = data7[key5];
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err10 = {instancePath:instancePath+"/lastAssignmentsPerTarget/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/cursors/additionalProperties/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema22.additionalProperties.type,parentSchema:schema22.additionalProperties,data:data8};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/lastAssignmentsPerTarget/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/cursors/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema22.type,parentSchema:schema22,data:data7};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/lastAssignmentsPerTarget",schemaPath:"#/properties/lastAssignmentsPerTarget/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.properties.lastAssignmentsPerTarget.type,parentSchema:schema20.properties.lastAssignmentsPerTarget,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.retired !== undefined){
let data9 = data.retired;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key6 in data9){
let data10 = data9[key6];
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
for(const key7 in data10){
let data11 = data10[key7];
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err13 = {instancePath:instancePath+"/retired/" + key6.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/poolAssignments/additionalProperties/additionalProperties/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema21.additionalProperties.additionalProperties.type,parentSchema:schema21.additionalProperties.additionalProperties,data:data11};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/retired/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/poolAssignments/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.additionalProperties.type,parentSchema:schema21.additionalProperties,data:data10};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/retired",schemaPath:"#/definitions/poolAssignments/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.type,parentSchema:schema21,data:data9};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.reserved !== undefined){
let data12 = data.reserved;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
for(const key8 in data12){
let data13 = data12[key8];
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
for(const key9 in data13){
let data14 = data13[key9];
if(Array.isArray(data14)){
const len0 = data14.length;
for(let i0=0; i0<len0; i0++){
let data15 = data14[i0];
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err16 = {instancePath:instancePath+"/reserved/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key9.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i0,schemaPath:"#/properties/reserved/additionalProperties/additionalProperties/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema20.properties.reserved.additionalProperties.additionalProperties.items.type,parentSchema:schema20.properties.reserved.additionalProperties.additionalProperties.items,data:data15};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
let i1 = data14.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data14[i1];
if(!(((typeof item0 == "number") && (!(item0 % 1) && !isNaN(item0))) && (isFinite(item0)))){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err17 = {instancePath:instancePath+"/reserved/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/reserved/additionalProperties/additionalProperties/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema20.properties.reserved.additionalProperties.additionalProperties,data:data14};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err18 = {instancePath:instancePath+"/reserved/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/reserved/additionalProperties/additionalProperties/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema20.properties.reserved.additionalProperties.additionalProperties.type,parentSchema:schema20.properties.reserved.additionalProperties.additionalProperties,data:data14};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/reserved/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/reserved/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.properties.reserved.additionalProperties.type,parentSchema:schema20.properties.reserved.additionalProperties,data:data13};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/reserved",schemaPath:"#/properties/reserved/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.properties.reserved.type,parentSchema:schema20.properties.reserved,data:data12};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.type,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
validate15.errors = vErrors;
return errors === 0;
}

export const infrastructure = validate16;
const schema25 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://drover.dev/schema/infrastructure.schema.json","title":"InfrastructureFile","description":"infrastructure.yaml: the machines drover deploys to, keyed by name.","type":"object","additionalProperties":false,"required":["targets"],"properties":{"targets":{"type":"object","additionalProperties":{"$ref":"#/definitions/target"}}},"definitions":{"scalar":{"type":["string","number","boolean"]},"target":{"title":"Target","type":"object","additionalProperties":false,"$comment":"hostname, port and hostKey are for ssh alone; the description of a failing branch is the error message.","if":{"properties":{"transport":{"const":"local"}},"required":["transport"]},"then":{"properties":{"hostname":{"not":{},"description":"only an ssh target has a hostname (this one has transport: local)"},"port":{"not":{},"description":"only an ssh target has a port (this one has transport: local)"},"hostKey":{"not":{},"description":"only an ssh target has a hostKey (this one has transport: local)"}}},"else":{"required":["hostname"],"description":"an ssh target needs a hostname (or transport: local)"},"properties":{"hostname":{"type":"string","format":"hostname","description":"Address drover connects to (ssh transport): a host name, an IPv4 address or an IPv6 address."},"port":{"type":"integer","minimum":1,"maximum":65535,"description":"SSH port (default 22)."},"user":{"type":"string","format":"identifier","description":"The user drover acts as: the SSH login user, or with transport: local the user drover runs as (default root)."},"hostKey":{"type":"string","description":"Pinned public host key, e.g. 'ssh-ed25519 AAAA...'."},"transport":{"enum":["ssh","local"],"description":"ssh (default) or local (the machine drover runs on)."},"processManager":{"enum":["supervisord","systemd","s6","sysvinit","bsdrc","launchd","docker","process"],"description":"Manager that runs 'process' services (default supervisord)."},"stateDir":{"type":"string","format":"absolutePath","description":"Absolute path of drover's state on the target (default /var/lib/drover; for an unprivileged user other than root, /home/USER/.local/state/drover)."},"unprivileged":{"type":"boolean","description":"Run every service as the connecting user: no accounts created, no user switching (default: true unless user is root)."},"bootHook":{"enum":["auto","systemd","sysvinit","cron","none"],"description":"How drover's own process managers (its supervisord, s6-svscan) come back after the target reboots: a systemd unit, a sysvinit script or an @reboot crontab entry (a systemd --user unit with lingering, or the user's crontab, when unprivileged); auto (default for ssh) takes the first the target has; none (default for local) leaves it to you."},"system":{"type":"string"},"numOfCores":{"type":"integer","minimum":1,"description":"Activations run at once on this target (default 1)."},"properties":{"type":"object","description":"Free-form properties, visible to templates as target.properties.<name>.","additionalProperties":{"$ref":"#/definitions/scalar"}},"containers":{"type":"object","description":"Extra containers this target offers, keyed by name, with their properties.","additionalProperties":{"type":"object","additionalProperties":{"$ref":"#/definitions/scalar"}}},"capacity":{"type":"object","additionalProperties":false,"description":"What the target offers the scheduler's copies: cpu cores and memory (bytes, or '4Gi').","properties":{"cpu":{"$ref":"#/definitions/cpu"},"memory":{"$ref":"#/definitions/memory"}}},"cordoned":{"type":"boolean","description":"The scheduler places no new copies here (those placed stay, unless drain)."},"drain":{"type":"boolean","description":"With cordoned: the copies placed here move to other targets."}}},"cpu":{"description":"CPU cores: a number (0.5) or millicores ('500m').","oneOf":[{"type":"number","exclusiveMinimum":0,"maximum":100000},{"type":"string","pattern":"^[0-9]{1,9}m$"}]},"memory":{"description":"Bytes: a number, or with a suffix ('256Mi', '1Gi', '512M').","oneOf":[{"type":"integer","minimum":0,"maximum":9007199254740991},{"type":"string","pattern":"^[0-9]{1,15}(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"}]}}};
const schema26 = {"title":"Target","type":"object","additionalProperties":false,"$comment":"hostname, port and hostKey are for ssh alone; the description of a failing branch is the error message.","if":{"properties":{"transport":{"const":"local"}},"required":["transport"]},"then":{"properties":{"hostname":{"not":{},"description":"only an ssh target has a hostname (this one has transport: local)"},"port":{"not":{},"description":"only an ssh target has a port (this one has transport: local)"},"hostKey":{"not":{},"description":"only an ssh target has a hostKey (this one has transport: local)"}}},"else":{"required":["hostname"],"description":"an ssh target needs a hostname (or transport: local)"},"properties":{"hostname":{"type":"string","format":"hostname","description":"Address drover connects to (ssh transport): a host name, an IPv4 address or an IPv6 address."},"port":{"type":"integer","minimum":1,"maximum":65535,"description":"SSH port (default 22)."},"user":{"type":"string","format":"identifier","description":"The user drover acts as: the SSH login user, or with transport: local the user drover runs as (default root)."},"hostKey":{"type":"string","description":"Pinned public host key, e.g. 'ssh-ed25519 AAAA...'."},"transport":{"enum":["ssh","local"],"description":"ssh (default) or local (the machine drover runs on)."},"processManager":{"enum":["supervisord","systemd","s6","sysvinit","bsdrc","launchd","docker","process"],"description":"Manager that runs 'process' services (default supervisord)."},"stateDir":{"type":"string","format":"absolutePath","description":"Absolute path of drover's state on the target (default /var/lib/drover; for an unprivileged user other than root, /home/USER/.local/state/drover)."},"unprivileged":{"type":"boolean","description":"Run every service as the connecting user: no accounts created, no user switching (default: true unless user is root)."},"bootHook":{"enum":["auto","systemd","sysvinit","cron","none"],"description":"How drover's own process managers (its supervisord, s6-svscan) come back after the target reboots: a systemd unit, a sysvinit script or an @reboot crontab entry (a systemd --user unit with lingering, or the user's crontab, when unprivileged); auto (default for ssh) takes the first the target has; none (default for local) leaves it to you."},"system":{"type":"string"},"numOfCores":{"type":"integer","minimum":1,"description":"Activations run at once on this target (default 1)."},"properties":{"type":"object","description":"Free-form properties, visible to templates as target.properties.<name>.","additionalProperties":{"$ref":"#/definitions/scalar"}},"containers":{"type":"object","description":"Extra containers this target offers, keyed by name, with their properties.","additionalProperties":{"type":"object","additionalProperties":{"$ref":"#/definitions/scalar"}}},"capacity":{"type":"object","additionalProperties":false,"description":"What the target offers the scheduler's copies: cpu cores and memory (bytes, or '4Gi').","properties":{"cpu":{"$ref":"#/definitions/cpu"},"memory":{"$ref":"#/definitions/memory"}}},"cordoned":{"type":"boolean","description":"The scheduler places no new copies here (those placed stay, unless drain)."},"drain":{"type":"boolean","description":"With cordoned: the copies placed here move to other targets."}}};
const schema27 = {"type":["string","number","boolean"]};
const schema29 = {"description":"CPU cores: a number (0.5) or millicores ('500m').","oneOf":[{"type":"number","exclusiveMinimum":0,"maximum":100000},{"type":"string","pattern":"^[0-9]{1,9}m$"}]};
const schema30 = {"description":"Bytes: a number, or with a suffix ('256Mi', '1Gi', '512M').","oneOf":[{"type":"integer","minimum":0,"maximum":9007199254740991},{"type":"string","pattern":"^[0-9]{1,15}(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"}]};
const formats8 = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62}))*\.?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/;
const formats12 = /^\/[A-Za-z0-9._+/-]*$/;
const pattern0 = new RegExp("^[0-9]{1,9}m$", "u");
const pattern1 = new RegExp("^[0-9]{1,15}(Ki|Mi|Gi|Ti|k|K|M|G|T)?$", "u");

function validate17(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs2 = errors;
let valid0 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.transport === undefined) && (missing0 = "transport")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
if(data.transport !== undefined){
if("local" !== data.transport){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
let ifClause0;
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.hostname !== undefined){
const err2 = {instancePath:instancePath+"/hostname",schemaPath:"#/then/properties/hostname/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema26.then.properties.hostname.not,parentSchema:schema26.then.properties.hostname,data:data.hostname};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.port !== undefined){
const err3 = {instancePath:instancePath+"/port",schemaPath:"#/then/properties/port/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema26.then.properties.port.not,parentSchema:schema26.then.properties.port,data:data.port};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.hostKey !== undefined){
const err4 = {instancePath:instancePath+"/hostKey",schemaPath:"#/then/properties/hostKey/not",keyword:"not",params:{},message:"must NOT be valid",schema:schema26.then.properties.hostKey.not,parentSchema:schema26.then.properties.hostKey,data:data.hostKey};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
var _valid0 = _errs5 === errors;
valid0 = _valid0;
ifClause0 = "then";
}
else {
const _errs12 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.hostname === undefined){
const err5 = {instancePath,schemaPath:"#/else/required",keyword:"required",params:{missingProperty: "hostname"},message:"must have required property '"+"hostname"+"'",schema:schema26.else.required,parentSchema:schema26.else,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
var _valid0 = _errs12 === errors;
valid0 = _valid0;
ifClause0 = "else";
}
if(!valid0){
const err6 = {instancePath,schemaPath:"#/if",keyword:"if",params:{failingKeyword: ifClause0},message:"must match \""+ifClause0+"\" schema",schema:schema26.if,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema26.properties, key0))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.hostname !== undefined){
let data4 = data.hostname;
if(typeof data4 === "string"){
if(!(formats8.test(data4))){
const err8 = {instancePath:instancePath+"/hostname",schemaPath:"#/properties/hostname/format",keyword:"format",params:{format: "hostname"},message:"must match format \""+"hostname"+"\"",schema:"hostname",parentSchema:schema26.properties.hostname,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/hostname",schemaPath:"#/properties/hostname/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.properties.hostname.type,parentSchema:schema26.properties.hostname,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.port !== undefined){
let data5 = data.port;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err10 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema26.properties.port.type,parentSchema:schema26.properties.port,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 65535 || isNaN(data5)){
const err11 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema26.properties.port,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err12 = {instancePath:instancePath+"/port",schemaPath:"#/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema26.properties.port,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
if(data.user !== undefined){
let data6 = data.user;
if(typeof data6 === "string"){
if(!(formats0.test(data6))){
const err13 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema26.properties.user,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.properties.user.type,parentSchema:schema26.properties.user,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.hostKey !== undefined){
let data7 = data.hostKey;
if(typeof data7 !== "string"){
const err15 = {instancePath:instancePath+"/hostKey",schemaPath:"#/properties/hostKey/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.properties.hostKey.type,parentSchema:schema26.properties.hostKey,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.transport !== undefined){
let data8 = data.transport;
if(!((data8 === "ssh") || (data8 === "local"))){
const err16 = {instancePath:instancePath+"/transport",schemaPath:"#/properties/transport/enum",keyword:"enum",params:{allowedValues: schema26.properties.transport.enum},message:"must be equal to one of the allowed values",schema:schema26.properties.transport.enum,parentSchema:schema26.properties.transport,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.processManager !== undefined){
let data9 = data.processManager;
if(!((((((((data9 === "supervisord") || (data9 === "systemd")) || (data9 === "s6")) || (data9 === "sysvinit")) || (data9 === "bsdrc")) || (data9 === "launchd")) || (data9 === "docker")) || (data9 === "process"))){
const err17 = {instancePath:instancePath+"/processManager",schemaPath:"#/properties/processManager/enum",keyword:"enum",params:{allowedValues: schema26.properties.processManager.enum},message:"must be equal to one of the allowed values",schema:schema26.properties.processManager.enum,parentSchema:schema26.properties.processManager,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.stateDir !== undefined){
let data10 = data.stateDir;
if(typeof data10 === "string"){
if(!(formats12.test(data10))){
const err18 = {instancePath:instancePath+"/stateDir",schemaPath:"#/properties/stateDir/format",keyword:"format",params:{format: "absolutePath"},message:"must match format \""+"absolutePath"+"\"",schema:"absolutePath",parentSchema:schema26.properties.stateDir,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/stateDir",schemaPath:"#/properties/stateDir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.properties.stateDir.type,parentSchema:schema26.properties.stateDir,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.unprivileged !== undefined){
let data11 = data.unprivileged;
if(typeof data11 !== "boolean"){
const err20 = {instancePath:instancePath+"/unprivileged",schemaPath:"#/properties/unprivileged/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema26.properties.unprivileged.type,parentSchema:schema26.properties.unprivileged,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.bootHook !== undefined){
let data12 = data.bootHook;
if(!(((((data12 === "auto") || (data12 === "systemd")) || (data12 === "sysvinit")) || (data12 === "cron")) || (data12 === "none"))){
const err21 = {instancePath:instancePath+"/bootHook",schemaPath:"#/properties/bootHook/enum",keyword:"enum",params:{allowedValues: schema26.properties.bootHook.enum},message:"must be equal to one of the allowed values",schema:schema26.properties.bootHook.enum,parentSchema:schema26.properties.bootHook,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.system !== undefined){
let data13 = data.system;
if(typeof data13 !== "string"){
const err22 = {instancePath:instancePath+"/system",schemaPath:"#/properties/system/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema26.properties.system.type,parentSchema:schema26.properties.system,data:data13};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.numOfCores !== undefined){
let data14 = data.numOfCores;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err23 = {instancePath:instancePath+"/numOfCores",schemaPath:"#/properties/numOfCores/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema26.properties.numOfCores.type,parentSchema:schema26.properties.numOfCores,data:data14};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 < 1 || isNaN(data14)){
const err24 = {instancePath:instancePath+"/numOfCores",schemaPath:"#/properties/numOfCores/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema26.properties.numOfCores,data:data14};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
if(data.properties !== undefined){
let data15 = data.properties;
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
for(const key1 in data15){
let data16 = data15[key1];
if(((typeof data16 !== "string") && (!((typeof data16 == "number") && (isFinite(data16))))) && (typeof data16 !== "boolean")){
const err25 = {instancePath:instancePath+"/properties/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/scalar/type",keyword:"type",params:{type: schema27.type},message:"must be string,number,boolean",schema:schema27.type,parentSchema:schema27,data:data16};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/properties",schemaPath:"#/properties/properties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.properties.properties.type,parentSchema:schema26.properties.properties,data:data15};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.containers !== undefined){
let data17 = data.containers;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
for(const key2 in data17){
let data18 = data17[key2];
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
for(const key3 in data18){
let data19 = data18[key3];
if(((typeof data19 !== "string") && (!((typeof data19 == "number") && (isFinite(data19))))) && (typeof data19 !== "boolean")){
const err27 = {instancePath:instancePath+"/containers/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/scalar/type",keyword:"type",params:{type: schema27.type},message:"must be string,number,boolean",schema:schema27.type,parentSchema:schema27,data:data19};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/containers/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/containers/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.properties.containers.additionalProperties.type,parentSchema:schema26.properties.containers.additionalProperties,data:data18};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/containers",schemaPath:"#/properties/containers/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.properties.containers.type,parentSchema:schema26.properties.containers,data:data17};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.capacity !== undefined){
let data20 = data.capacity;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
for(const key4 in data20){
if(!((key4 === "cpu") || (key4 === "memory"))){
const err30 = {instancePath:instancePath+"/capacity",schemaPath:"#/properties/capacity/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema26.properties.capacity,data:data20};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data20.cpu !== undefined){
let data21 = data20.cpu;
const _errs53 = errors;
let valid11 = false;
let passing0 = null;
const _errs54 = errors;
if((typeof data21 == "number") && (isFinite(data21))){
if(data21 > 100000 || isNaN(data21)){
const err31 = {instancePath:instancePath+"/capacity/cpu",schemaPath:"#/definitions/cpu/oneOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema29.oneOf[0],data:data21};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data21 <= 0 || isNaN(data21)){
const err32 = {instancePath:instancePath+"/capacity/cpu",schemaPath:"#/definitions/cpu/oneOf/0/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema29.oneOf[0],data:data21};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/capacity/cpu",schemaPath:"#/definitions/cpu/oneOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema29.oneOf[0].type,parentSchema:schema29.oneOf[0],data:data21};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
var _valid1 = _errs54 === errors;
if(_valid1){
valid11 = true;
passing0 = 0;
}
const _errs56 = errors;
if(typeof data21 === "string"){
if(!pattern0.test(data21)){
const err34 = {instancePath:instancePath+"/capacity/cpu",schemaPath:"#/definitions/cpu/oneOf/1/pattern",keyword:"pattern",params:{pattern: "^[0-9]{1,9}m$"},message:"must match pattern \""+"^[0-9]{1,9}m$"+"\"",schema:"^[0-9]{1,9}m$",parentSchema:schema29.oneOf[1],data:data21};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/capacity/cpu",schemaPath:"#/definitions/cpu/oneOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.oneOf[1].type,parentSchema:schema29.oneOf[1],data:data21};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
var _valid1 = _errs56 === errors;
if(_valid1 && valid11){
valid11 = false;
passing0 = [passing0, 1];
}
else {
if(_valid1){
valid11 = true;
passing0 = 1;
}
}
if(!valid11){
const err36 = {instancePath:instancePath+"/capacity/cpu",schemaPath:"#/definitions/cpu/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema29.oneOf,parentSchema:schema29,data:data21};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
else {
errors = _errs53;
if(vErrors !== null){
if(_errs53){
vErrors.length = _errs53;
}
else {
vErrors = null;
}
}
}
}
if(data20.memory !== undefined){
let data22 = data20.memory;
const _errs60 = errors;
let valid13 = false;
let passing1 = null;
const _errs61 = errors;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err37 = {instancePath:instancePath+"/capacity/memory",schemaPath:"#/definitions/memory/oneOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema30.oneOf[0].type,parentSchema:schema30.oneOf[0],data:data22};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 > 9007199254740991 || isNaN(data22)){
const err38 = {instancePath:instancePath+"/capacity/memory",schemaPath:"#/definitions/memory/oneOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991",schema:9007199254740991,parentSchema:schema30.oneOf[0],data:data22};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(data22 < 0 || isNaN(data22)){
const err39 = {instancePath:instancePath+"/capacity/memory",schemaPath:"#/definitions/memory/oneOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema30.oneOf[0],data:data22};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
var _valid2 = _errs61 === errors;
if(_valid2){
valid13 = true;
passing1 = 0;
}
const _errs63 = errors;
if(typeof data22 === "string"){
if(!pattern1.test(data22)){
const err40 = {instancePath:instancePath+"/capacity/memory",schemaPath:"#/definitions/memory/oneOf/1/pattern",keyword:"pattern",params:{pattern: "^[0-9]{1,15}(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"},message:"must match pattern \""+"^[0-9]{1,15}(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"+"\"",schema:"^[0-9]{1,15}(Ki|Mi|Gi|Ti|k|K|M|G|T)?$",parentSchema:schema30.oneOf[1],data:data22};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
else {
const err41 = {instancePath:instancePath+"/capacity/memory",schemaPath:"#/definitions/memory/oneOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema30.oneOf[1].type,parentSchema:schema30.oneOf[1],data:data22};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
var _valid2 = _errs63 === errors;
if(_valid2 && valid13){
valid13 = false;
passing1 = [passing1, 1];
}
else {
if(_valid2){
valid13 = true;
passing1 = 1;
}
}
if(!valid13){
const err42 = {instancePath:instancePath+"/capacity/memory",schemaPath:"#/definitions/memory/oneOf",keyword:"oneOf",params:{passingSchemas: passing1},message:"must match exactly one schema in oneOf",schema:schema30.oneOf,parentSchema:schema30,data:data22};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
else {
errors = _errs60;
if(vErrors !== null){
if(_errs60){
vErrors.length = _errs60;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err43 = {instancePath:instancePath+"/capacity",schemaPath:"#/properties/capacity/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.properties.capacity.type,parentSchema:schema26.properties.capacity,data:data20};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data.cordoned !== undefined){
let data23 = data.cordoned;
if(typeof data23 !== "boolean"){
const err44 = {instancePath:instancePath+"/cordoned",schemaPath:"#/properties/cordoned/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema26.properties.cordoned.type,parentSchema:schema26.properties.cordoned,data:data23};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data.drain !== undefined){
let data24 = data.drain;
if(typeof data24 !== "boolean"){
const err45 = {instancePath:instancePath+"/drain",schemaPath:"#/properties/drain/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema26.properties.drain.type,parentSchema:schema26.properties.drain,data:data24};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
else {
const err46 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.type,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
validate17.errors = vErrors;
return errors === 0;
}


function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://drover.dev/schema/infrastructure.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.targets === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "targets"},message:"must have required property '"+"targets"+"'",schema:schema25.required,parentSchema:schema25,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "targets")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema25,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.targets !== undefined){
let data0 = data.targets;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
if(!(validate17(data0[key1], {instancePath:instancePath+"/targets/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data0,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.properties.targets.type,parentSchema:schema25.properties.targets,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
else {
const err3 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema25.type,parentSchema:schema25,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate16.errors = vErrors;
return errors === 0;
}

export const manifest = validate19;
const schema31 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://drover.dev/schema/manifest.schema.json","title":"ManifestFile","description":"<stateDir>/generations/<n>.json on a target: what one generation deployed there, with what it takes to stop, check or restart each unit later without the models. Written and read by drover only.","type":"object","required":["generation","time","units"],"properties":{"version":{"const":1,"description":"The format of this file; drover refuses a version it does not know. Manifests written before versions existed have none."},"generation":{"type":"integer","minimum":1},"deployment":{"type":"string","description":"The run that made it (one run makes a generation on every target it changed)."},"commit":{"type":"string"},"time":{"type":"string"},"units":{"type":"array","items":{"$ref":"#/definitions/unit"}}},"definitions":{"argv":{"type":"array","items":{"type":"string"}},"argvs":{"type":"array","items":{"$ref":"#/definitions/argv"}},"unit":{"type":"object","required":["service","target","container","hash","specHash","dependsOn","stateDir","unitDir","entries","install","setup"],"properties":{"service":{"type":"string"},"target":{"type":"string"},"container":{"type":"string"},"hash":{"type":"string"},"specHash":{"type":"string"},"dependsOn":{"type":"array","items":{"type":"string"}},"stateDir":{"type":"string"},"unitDir":{"type":"string"},"unitEntry":{"type":"string"},"entries":{"type":"array","items":{"type":"string"}},"install":{"type":"array","items":{"type":"object","required":["at","file"],"properties":{"at":{"type":"string"},"file":{"type":"string"}}}},"setup":{"$ref":"#/definitions/argvs"},"commands":{"type":"object","required":["start","stop","status","logs"],"properties":{"start":{"$ref":"#/definitions/argvs"},"stop":{"$ref":"#/definitions/argvs"},"reload":{"$ref":"#/definitions/argvs"},"status":{"$ref":"#/definitions/argvs"},"logs":{"$ref":"#/definitions/argvs"},"snapshot":{"$ref":"#/definitions/argvs"},"restore":{"$ref":"#/definitions/argvs"},"lock":{"$ref":"#/definitions/argvs"},"unlock":{"$ref":"#/definitions/argvs"},"collectGarbage":{"$ref":"#/definitions/argvs"},"settleMs":{"type":"integer","minimum":0},"manager":{"type":"object","description":"The manager of drover's own that runs the unit (its setup starts it), and how to tell it is up.","required":["name","alive"],"properties":{"name":{"type":"string"},"alive":{"$ref":"#/definitions/argv"},"start":{"$ref":"#/definitions/argv","description":"Starts it unless it runs; boot runs it after the generation's other setup commands."}}},"batch":{"type":"object","description":"The batch form of the manager's commands: units of a target with the same group in one command each, their names appended.","required":["group","name","start","stop","status"],"properties":{"group":{"type":"string"},"name":{"type":"string"},"start":{"$ref":"#/definitions/argvs"},"stop":{"$ref":"#/definitions/argvs"},"status":{"$ref":"#/definitions/argv"},"replace":{"$ref":"#/definitions/argv","description":"Starts the units named after a `--` argument, first stopping those named before it (their former configuration), in one command."}}}}},"deployState":{"const":true,"description":"Its state moves with it to another target."},"ids":{"type":"object","description":"The IDs the unit runs with, by pool.","additionalProperties":{"type":"integer"}},"healthCheck":{"type":"object","required":["timeoutMs"],"properties":{"tcp":{"type":"object","required":["host","port"],"properties":{"host":{"type":"string"},"port":{"type":"integer"}}},"http":{"type":"string"},"command":{"$ref":"#/definitions/argv"},"timeoutMs":{"type":"integer","minimum":0}}}}}}};
const schema32 = {"type":"object","required":["service","target","container","hash","specHash","dependsOn","stateDir","unitDir","entries","install","setup"],"properties":{"service":{"type":"string"},"target":{"type":"string"},"container":{"type":"string"},"hash":{"type":"string"},"specHash":{"type":"string"},"dependsOn":{"type":"array","items":{"type":"string"}},"stateDir":{"type":"string"},"unitDir":{"type":"string"},"unitEntry":{"type":"string"},"entries":{"type":"array","items":{"type":"string"}},"install":{"type":"array","items":{"type":"object","required":["at","file"],"properties":{"at":{"type":"string"},"file":{"type":"string"}}}},"setup":{"$ref":"#/definitions/argvs"},"commands":{"type":"object","required":["start","stop","status","logs"],"properties":{"start":{"$ref":"#/definitions/argvs"},"stop":{"$ref":"#/definitions/argvs"},"reload":{"$ref":"#/definitions/argvs"},"status":{"$ref":"#/definitions/argvs"},"logs":{"$ref":"#/definitions/argvs"},"snapshot":{"$ref":"#/definitions/argvs"},"restore":{"$ref":"#/definitions/argvs"},"lock":{"$ref":"#/definitions/argvs"},"unlock":{"$ref":"#/definitions/argvs"},"collectGarbage":{"$ref":"#/definitions/argvs"},"settleMs":{"type":"integer","minimum":0},"manager":{"type":"object","description":"The manager of drover's own that runs the unit (its setup starts it), and how to tell it is up.","required":["name","alive"],"properties":{"name":{"type":"string"},"alive":{"$ref":"#/definitions/argv"},"start":{"$ref":"#/definitions/argv","description":"Starts it unless it runs; boot runs it after the generation's other setup commands."}}},"batch":{"type":"object","description":"The batch form of the manager's commands: units of a target with the same group in one command each, their names appended.","required":["group","name","start","stop","status"],"properties":{"group":{"type":"string"},"name":{"type":"string"},"start":{"$ref":"#/definitions/argvs"},"stop":{"$ref":"#/definitions/argvs"},"status":{"$ref":"#/definitions/argv"},"replace":{"$ref":"#/definitions/argv","description":"Starts the units named after a `--` argument, first stopping those named before it (their former configuration), in one command."}}}}},"deployState":{"const":true,"description":"Its state moves with it to another target."},"ids":{"type":"object","description":"The IDs the unit runs with, by pool.","additionalProperties":{"type":"integer"}},"healthCheck":{"type":"object","required":["timeoutMs"],"properties":{"tcp":{"type":"object","required":["host","port"],"properties":{"host":{"type":"string"},"port":{"type":"integer"}}},"http":{"type":"string"},"command":{"$ref":"#/definitions/argv"},"timeoutMs":{"type":"integer","minimum":0}}}}};
const schema34 = {"type":"array","items":{"type":"string"}};
const schema33 = {"type":"array","items":{"$ref":"#/definitions/argv"}};

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
let data0 = data[i0];
if(Array.isArray(data0)){
const len1 = data0.length;
for(let i1=0; i1<len1; i1++){
let data1 = data0[i1];
if(typeof data1 !== "string"){
const err0 = {instancePath:instancePath+"/" + i0+"/" + i1,schemaPath:"#/definitions/argv/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data1};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
}
else {
const err1 = {instancePath:instancePath+"/" + i0,schemaPath:"#/definitions/argv/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
else {
const err2 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema33.type,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.service === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "service"},message:"must have required property '"+"service"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.target === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.container === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "container"},message:"must have required property '"+"container"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.hash === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "hash"},message:"must have required property '"+"hash"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.specHash === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "specHash"},message:"must have required property '"+"specHash"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.dependsOn === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "dependsOn"},message:"must have required property '"+"dependsOn"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.stateDir === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "stateDir"},message:"must have required property '"+"stateDir"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data.unitDir === undefined){
const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "unitDir"},message:"must have required property '"+"unitDir"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data.entries === undefined){
const err8 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "entries"},message:"must have required property '"+"entries"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data.install === undefined){
const err9 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "install"},message:"must have required property '"+"install"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data.setup === undefined){
const err10 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "setup"},message:"must have required property '"+"setup"+"'",schema:schema32.required,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data.service !== undefined){
let data0 = data.service;
if(typeof data0 !== "string"){
const err11 = {instancePath:instancePath+"/service",schemaPath:"#/properties/service/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.service.type,parentSchema:schema32.properties.service,data:data0};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.target !== undefined){
let data1 = data.target;
if(typeof data1 !== "string"){
const err12 = {instancePath:instancePath+"/target",schemaPath:"#/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.target.type,parentSchema:schema32.properties.target,data:data1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.container !== undefined){
let data2 = data.container;
if(typeof data2 !== "string"){
const err13 = {instancePath:instancePath+"/container",schemaPath:"#/properties/container/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.container.type,parentSchema:schema32.properties.container,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.hash !== undefined){
let data3 = data.hash;
if(typeof data3 !== "string"){
const err14 = {instancePath:instancePath+"/hash",schemaPath:"#/properties/hash/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.hash.type,parentSchema:schema32.properties.hash,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.specHash !== undefined){
let data4 = data.specHash;
if(typeof data4 !== "string"){
const err15 = {instancePath:instancePath+"/specHash",schemaPath:"#/properties/specHash/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.specHash.type,parentSchema:schema32.properties.specHash,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.dependsOn !== undefined){
let data5 = data.dependsOn;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 !== "string"){
const err16 = {instancePath:instancePath+"/dependsOn/" + i0,schemaPath:"#/properties/dependsOn/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.dependsOn.items.type,parentSchema:schema32.properties.dependsOn.items,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/dependsOn",schemaPath:"#/properties/dependsOn/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.dependsOn.type,parentSchema:schema32.properties.dependsOn,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.stateDir !== undefined){
let data7 = data.stateDir;
if(typeof data7 !== "string"){
const err18 = {instancePath:instancePath+"/stateDir",schemaPath:"#/properties/stateDir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.stateDir.type,parentSchema:schema32.properties.stateDir,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.unitDir !== undefined){
let data8 = data.unitDir;
if(typeof data8 !== "string"){
const err19 = {instancePath:instancePath+"/unitDir",schemaPath:"#/properties/unitDir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.unitDir.type,parentSchema:schema32.properties.unitDir,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.unitEntry !== undefined){
let data9 = data.unitEntry;
if(typeof data9 !== "string"){
const err20 = {instancePath:instancePath+"/unitEntry",schemaPath:"#/properties/unitEntry/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.unitEntry.type,parentSchema:schema32.properties.unitEntry,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.entries !== undefined){
let data10 = data.entries;
if(Array.isArray(data10)){
const len1 = data10.length;
for(let i1=0; i1<len1; i1++){
let data11 = data10[i1];
if(typeof data11 !== "string"){
const err21 = {instancePath:instancePath+"/entries/" + i1,schemaPath:"#/properties/entries/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.entries.items.type,parentSchema:schema32.properties.entries.items,data:data11};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/entries",schemaPath:"#/properties/entries/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.entries.type,parentSchema:schema32.properties.entries,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.install !== undefined){
let data12 = data.install;
if(Array.isArray(data12)){
const len2 = data12.length;
for(let i2=0; i2<len2; i2++){
let data13 = data12[i2];
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
if(data13.at === undefined){
const err23 = {instancePath:instancePath+"/install/" + i2,schemaPath:"#/properties/install/items/required",keyword:"required",params:{missingProperty: "at"},message:"must have required property '"+"at"+"'",schema:schema32.properties.install.items.required,parentSchema:schema32.properties.install.items,data:data13};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data13.file === undefined){
const err24 = {instancePath:instancePath+"/install/" + i2,schemaPath:"#/properties/install/items/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'",schema:schema32.properties.install.items.required,parentSchema:schema32.properties.install.items,data:data13};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data13.at !== undefined){
let data14 = data13.at;
if(typeof data14 !== "string"){
const err25 = {instancePath:instancePath+"/install/" + i2+"/at",schemaPath:"#/properties/install/items/properties/at/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.install.items.properties.at.type,parentSchema:schema32.properties.install.items.properties.at,data:data14};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data13.file !== undefined){
let data15 = data13.file;
if(typeof data15 !== "string"){
const err26 = {instancePath:instancePath+"/install/" + i2+"/file",schemaPath:"#/properties/install/items/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.install.items.properties.file.type,parentSchema:schema32.properties.install.items.properties.file,data:data15};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/install/" + i2,schemaPath:"#/properties/install/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.install.items.type,parentSchema:schema32.properties.install.items,data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/install",schemaPath:"#/properties/install/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.install.type,parentSchema:schema32.properties.install,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.setup !== undefined){
if(!(validate21(data.setup, {instancePath:instancePath+"/setup",parentData:data,parentDataProperty:"setup",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data.commands !== undefined){
let data17 = data.commands;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
if(data17.start === undefined){
const err29 = {instancePath:instancePath+"/commands",schemaPath:"#/properties/commands/required",keyword:"required",params:{missingProperty: "start"},message:"must have required property '"+"start"+"'",schema:schema32.properties.commands.required,parentSchema:schema32.properties.commands,data:data17};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data17.stop === undefined){
const err30 = {instancePath:instancePath+"/commands",schemaPath:"#/properties/commands/required",keyword:"required",params:{missingProperty: "stop"},message:"must have required property '"+"stop"+"'",schema:schema32.properties.commands.required,parentSchema:schema32.properties.commands,data:data17};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data17.status === undefined){
const err31 = {instancePath:instancePath+"/commands",schemaPath:"#/properties/commands/required",keyword:"required",params:{missingProperty: "status"},message:"must have required property '"+"status"+"'",schema:schema32.properties.commands.required,parentSchema:schema32.properties.commands,data:data17};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data17.logs === undefined){
const err32 = {instancePath:instancePath+"/commands",schemaPath:"#/properties/commands/required",keyword:"required",params:{missingProperty: "logs"},message:"must have required property '"+"logs"+"'",schema:schema32.properties.commands.required,parentSchema:schema32.properties.commands,data:data17};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(data17.start !== undefined){
if(!(validate21(data17.start, {instancePath:instancePath+"/commands/start",parentData:data17,parentDataProperty:"start",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data17.stop !== undefined){
if(!(validate21(data17.stop, {instancePath:instancePath+"/commands/stop",parentData:data17,parentDataProperty:"stop",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data17.reload !== undefined){
if(!(validate21(data17.reload, {instancePath:instancePath+"/commands/reload",parentData:data17,parentDataProperty:"reload",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data17.status !== undefined){
if(!(validate21(data17.status, {instancePath:instancePath+"/commands/status",parentData:data17,parentDataProperty:"status",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data17.logs !== undefined){
if(!(validate21(data17.logs, {instancePath:instancePath+"/commands/logs",parentData:data17,parentDataProperty:"logs",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data17.snapshot !== undefined){
if(!(validate21(data17.snapshot, {instancePath:instancePath+"/commands/snapshot",parentData:data17,parentDataProperty:"snapshot",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data17.restore !== undefined){
if(!(validate21(data17.restore, {instancePath:instancePath+"/commands/restore",parentData:data17,parentDataProperty:"restore",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data17.lock !== undefined){
if(!(validate21(data17.lock, {instancePath:instancePath+"/commands/lock",parentData:data17,parentDataProperty:"lock",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data17.unlock !== undefined){
if(!(validate21(data17.unlock, {instancePath:instancePath+"/commands/unlock",parentData:data17,parentDataProperty:"unlock",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data17.collectGarbage !== undefined){
if(!(validate21(data17.collectGarbage, {instancePath:instancePath+"/commands/collectGarbage",parentData:data17,parentDataProperty:"collectGarbage",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data17.settleMs !== undefined){
let data28 = data17.settleMs;
if(!(((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28))) && (isFinite(data28)))){
const err33 = {instancePath:instancePath+"/commands/settleMs",schemaPath:"#/properties/commands/properties/settleMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.commands.properties.settleMs.type,parentSchema:schema32.properties.commands.properties.settleMs,data:data28};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if((typeof data28 == "number") && (isFinite(data28))){
if(data28 < 0 || isNaN(data28)){
const err34 = {instancePath:instancePath+"/commands/settleMs",schemaPath:"#/properties/commands/properties/settleMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema32.properties.commands.properties.settleMs,data:data28};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
if(data17.manager !== undefined){
let data29 = data17.manager;
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
if(data29.name === undefined){
const err35 = {instancePath:instancePath+"/commands/manager",schemaPath:"#/properties/commands/properties/manager/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema32.properties.commands.properties.manager.required,parentSchema:schema32.properties.commands.properties.manager,data:data29};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(data29.alive === undefined){
const err36 = {instancePath:instancePath+"/commands/manager",schemaPath:"#/properties/commands/properties/manager/required",keyword:"required",params:{missingProperty: "alive"},message:"must have required property '"+"alive"+"'",schema:schema32.properties.commands.properties.manager.required,parentSchema:schema32.properties.commands.properties.manager,data:data29};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data29.name !== undefined){
let data30 = data29.name;
if(typeof data30 !== "string"){
const err37 = {instancePath:instancePath+"/commands/manager/name",schemaPath:"#/properties/commands/properties/manager/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.commands.properties.manager.properties.name.type,parentSchema:schema32.properties.commands.properties.manager.properties.name,data:data30};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data29.alive !== undefined){
let data31 = data29.alive;
if(Array.isArray(data31)){
const len3 = data31.length;
for(let i3=0; i3<len3; i3++){
let data32 = data31[i3];
if(typeof data32 !== "string"){
const err38 = {instancePath:instancePath+"/commands/manager/alive/" + i3,schemaPath:"#/definitions/argv/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data32};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
else {
const err39 = {instancePath:instancePath+"/commands/manager/alive",schemaPath:"#/definitions/argv/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data31};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data29.start !== undefined){
let data33 = data29.start;
if(Array.isArray(data33)){
const len4 = data33.length;
for(let i4=0; i4<len4; i4++){
let data34 = data33[i4];
if(typeof data34 !== "string"){
const err40 = {instancePath:instancePath+"/commands/manager/start/" + i4,schemaPath:"#/definitions/argv/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data34};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/commands/manager/start",schemaPath:"#/definitions/argv/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data33};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
else {
const err42 = {instancePath:instancePath+"/commands/manager",schemaPath:"#/properties/commands/properties/manager/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.commands.properties.manager.type,parentSchema:schema32.properties.commands.properties.manager,data:data29};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data17.batch !== undefined){
let data35 = data17.batch;
if(data35 && typeof data35 == "object" && !Array.isArray(data35)){
if(data35.group === undefined){
const err43 = {instancePath:instancePath+"/commands/batch",schemaPath:"#/properties/commands/properties/batch/required",keyword:"required",params:{missingProperty: "group"},message:"must have required property '"+"group"+"'",schema:schema32.properties.commands.properties.batch.required,parentSchema:schema32.properties.commands.properties.batch,data:data35};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if(data35.name === undefined){
const err44 = {instancePath:instancePath+"/commands/batch",schemaPath:"#/properties/commands/properties/batch/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema32.properties.commands.properties.batch.required,parentSchema:schema32.properties.commands.properties.batch,data:data35};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(data35.start === undefined){
const err45 = {instancePath:instancePath+"/commands/batch",schemaPath:"#/properties/commands/properties/batch/required",keyword:"required",params:{missingProperty: "start"},message:"must have required property '"+"start"+"'",schema:schema32.properties.commands.properties.batch.required,parentSchema:schema32.properties.commands.properties.batch,data:data35};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(data35.stop === undefined){
const err46 = {instancePath:instancePath+"/commands/batch",schemaPath:"#/properties/commands/properties/batch/required",keyword:"required",params:{missingProperty: "stop"},message:"must have required property '"+"stop"+"'",schema:schema32.properties.commands.properties.batch.required,parentSchema:schema32.properties.commands.properties.batch,data:data35};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(data35.status === undefined){
const err47 = {instancePath:instancePath+"/commands/batch",schemaPath:"#/properties/commands/properties/batch/required",keyword:"required",params:{missingProperty: "status"},message:"must have required property '"+"status"+"'",schema:schema32.properties.commands.properties.batch.required,parentSchema:schema32.properties.commands.properties.batch,data:data35};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(data35.group !== undefined){
let data36 = data35.group;
if(typeof data36 !== "string"){
const err48 = {instancePath:instancePath+"/commands/batch/group",schemaPath:"#/properties/commands/properties/batch/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.commands.properties.batch.properties.group.type,parentSchema:schema32.properties.commands.properties.batch.properties.group,data:data36};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data35.name !== undefined){
let data37 = data35.name;
if(typeof data37 !== "string"){
const err49 = {instancePath:instancePath+"/commands/batch/name",schemaPath:"#/properties/commands/properties/batch/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.commands.properties.batch.properties.name.type,parentSchema:schema32.properties.commands.properties.batch.properties.name,data:data37};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data35.start !== undefined){
if(!(validate21(data35.start, {instancePath:instancePath+"/commands/batch/start",parentData:data35,parentDataProperty:"start",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data35.stop !== undefined){
if(!(validate21(data35.stop, {instancePath:instancePath+"/commands/batch/stop",parentData:data35,parentDataProperty:"stop",rootData}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data35.status !== undefined){
let data40 = data35.status;
if(Array.isArray(data40)){
const len5 = data40.length;
for(let i5=0; i5<len5; i5++){
let data41 = data40[i5];
if(typeof data41 !== "string"){
const err50 = {instancePath:instancePath+"/commands/batch/status/" + i5,schemaPath:"#/definitions/argv/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data41};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
else {
const err51 = {instancePath:instancePath+"/commands/batch/status",schemaPath:"#/definitions/argv/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data40};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data35.replace !== undefined){
let data42 = data35.replace;
if(Array.isArray(data42)){
const len6 = data42.length;
for(let i6=0; i6<len6; i6++){
let data43 = data42[i6];
if(typeof data43 !== "string"){
const err52 = {instancePath:instancePath+"/commands/batch/replace/" + i6,schemaPath:"#/definitions/argv/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data43};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
else {
const err53 = {instancePath:instancePath+"/commands/batch/replace",schemaPath:"#/definitions/argv/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data42};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
}
else {
const err54 = {instancePath:instancePath+"/commands/batch",schemaPath:"#/properties/commands/properties/batch/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.commands.properties.batch.type,parentSchema:schema32.properties.commands.properties.batch,data:data35};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/commands",schemaPath:"#/properties/commands/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.commands.type,parentSchema:schema32.properties.commands,data:data17};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data.deployState !== undefined){
let data44 = data.deployState;
if(true !== data44){
const err56 = {instancePath:instancePath+"/deployState",schemaPath:"#/properties/deployState/const",keyword:"const",params:{allowedValue: true},message:"must be equal to constant",schema:true,parentSchema:schema32.properties.deployState,data:data44};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data.ids !== undefined){
let data45 = data.ids;
if(data45 && typeof data45 == "object" && !Array.isArray(data45)){
for(const key0 in data45){
let data46 = data45[key0];
if(!(((typeof data46 == "number") && (!(data46 % 1) && !isNaN(data46))) && (isFinite(data46)))){
const err57 = {instancePath:instancePath+"/ids/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/ids/additionalProperties/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.ids.additionalProperties.type,parentSchema:schema32.properties.ids.additionalProperties,data:data46};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
}
else {
const err58 = {instancePath:instancePath+"/ids",schemaPath:"#/properties/ids/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.ids.type,parentSchema:schema32.properties.ids,data:data45};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data.healthCheck !== undefined){
let data47 = data.healthCheck;
if(data47 && typeof data47 == "object" && !Array.isArray(data47)){
if(data47.timeoutMs === undefined){
const err59 = {instancePath:instancePath+"/healthCheck",schemaPath:"#/properties/healthCheck/required",keyword:"required",params:{missingProperty: "timeoutMs"},message:"must have required property '"+"timeoutMs"+"'",schema:schema32.properties.healthCheck.required,parentSchema:schema32.properties.healthCheck,data:data47};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if(data47.tcp !== undefined){
let data48 = data47.tcp;
if(data48 && typeof data48 == "object" && !Array.isArray(data48)){
if(data48.host === undefined){
const err60 = {instancePath:instancePath+"/healthCheck/tcp",schemaPath:"#/properties/healthCheck/properties/tcp/required",keyword:"required",params:{missingProperty: "host"},message:"must have required property '"+"host"+"'",schema:schema32.properties.healthCheck.properties.tcp.required,parentSchema:schema32.properties.healthCheck.properties.tcp,data:data48};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(data48.port === undefined){
const err61 = {instancePath:instancePath+"/healthCheck/tcp",schemaPath:"#/properties/healthCheck/properties/tcp/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'",schema:schema32.properties.healthCheck.properties.tcp.required,parentSchema:schema32.properties.healthCheck.properties.tcp,data:data48};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if(data48.host !== undefined){
let data49 = data48.host;
if(typeof data49 !== "string"){
const err62 = {instancePath:instancePath+"/healthCheck/tcp/host",schemaPath:"#/properties/healthCheck/properties/tcp/properties/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.healthCheck.properties.tcp.properties.host.type,parentSchema:schema32.properties.healthCheck.properties.tcp.properties.host,data:data49};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data48.port !== undefined){
let data50 = data48.port;
if(!(((typeof data50 == "number") && (!(data50 % 1) && !isNaN(data50))) && (isFinite(data50)))){
const err63 = {instancePath:instancePath+"/healthCheck/tcp/port",schemaPath:"#/properties/healthCheck/properties/tcp/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.healthCheck.properties.tcp.properties.port.type,parentSchema:schema32.properties.healthCheck.properties.tcp.properties.port,data:data50};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
else {
const err64 = {instancePath:instancePath+"/healthCheck/tcp",schemaPath:"#/properties/healthCheck/properties/tcp/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.healthCheck.properties.tcp.type,parentSchema:schema32.properties.healthCheck.properties.tcp,data:data48};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data47.http !== undefined){
let data51 = data47.http;
if(typeof data51 !== "string"){
const err65 = {instancePath:instancePath+"/healthCheck/http",schemaPath:"#/properties/healthCheck/properties/http/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.healthCheck.properties.http.type,parentSchema:schema32.properties.healthCheck.properties.http,data:data51};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data47.command !== undefined){
let data52 = data47.command;
if(Array.isArray(data52)){
const len7 = data52.length;
for(let i7=0; i7<len7; i7++){
let data53 = data52[i7];
if(typeof data53 !== "string"){
const err66 = {instancePath:instancePath+"/healthCheck/command/" + i7,schemaPath:"#/definitions/argv/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema34.items.type,parentSchema:schema34.items,data:data53};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
}
else {
const err67 = {instancePath:instancePath+"/healthCheck/command",schemaPath:"#/definitions/argv/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.type,parentSchema:schema34,data:data52};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data47.timeoutMs !== undefined){
let data54 = data47.timeoutMs;
if(!(((typeof data54 == "number") && (!(data54 % 1) && !isNaN(data54))) && (isFinite(data54)))){
const err68 = {instancePath:instancePath+"/healthCheck/timeoutMs",schemaPath:"#/properties/healthCheck/properties/timeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema32.properties.healthCheck.properties.timeoutMs.type,parentSchema:schema32.properties.healthCheck.properties.timeoutMs,data:data54};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if((typeof data54 == "number") && (isFinite(data54))){
if(data54 < 0 || isNaN(data54)){
const err69 = {instancePath:instancePath+"/healthCheck/timeoutMs",schemaPath:"#/properties/healthCheck/properties/timeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema32.properties.healthCheck.properties.timeoutMs,data:data54};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
}
else {
const err70 = {instancePath:instancePath+"/healthCheck",schemaPath:"#/properties/healthCheck/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.healthCheck.type,parentSchema:schema32.properties.healthCheck,data:data47};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
}
else {
const err71 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.type,parentSchema:schema32,data};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}


function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://drover.dev/schema/manifest.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.generation === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "generation"},message:"must have required property '"+"generation"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.time === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "time"},message:"must have required property '"+"time"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.units === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "units"},message:"must have required property '"+"units"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.version !== undefined){
let data0 = data.version;
if(1 !== data0){
const err3 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema31.properties.version,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.generation !== undefined){
let data1 = data.generation;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err4 = {instancePath:instancePath+"/generation",schemaPath:"#/properties/generation/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema31.properties.generation.type,parentSchema:schema31.properties.generation,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 1 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/generation",schemaPath:"#/properties/generation/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema31.properties.generation,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.deployment !== undefined){
let data2 = data.deployment;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/deployment",schemaPath:"#/properties/deployment/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.deployment.type,parentSchema:schema31.properties.deployment,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.commit !== undefined){
let data3 = data.commit;
if(typeof data3 !== "string"){
const err7 = {instancePath:instancePath+"/commit",schemaPath:"#/properties/commit/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.commit.type,parentSchema:schema31.properties.commit,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.time !== undefined){
let data4 = data.time;
if(typeof data4 !== "string"){
const err8 = {instancePath:instancePath+"/time",schemaPath:"#/properties/time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.time.type,parentSchema:schema31.properties.time,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.units !== undefined){
let data5 = data.units;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
if(!(validate20(data5[i0], {instancePath:instancePath+"/units/" + i0,parentData:data5,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
}
}
else {
const err9 = {instancePath:instancePath+"/units",schemaPath:"#/properties/units/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.units.type,parentSchema:schema31.properties.units,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate19.errors = vErrors;
return errors === 0;
}

export const placements = validate36;
const schema40 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://drover.dev/schema/placements.schema.json","title":"PlacementsFile","description":"placements.json: where the scheduler placed the copies of each service with replicas or placement.everywhere, and why (written by drover, kept across runs: a placement stays while it is feasible).","type":"object","additionalProperties":false,"required":["placements"],"properties":{"version":{"const":1,"description":"The format of this file; drover refuses a version it does not know."},"placements":{"type":"object","description":"service -> target -> why the copy was placed there ('new replica', 'replaces t2: unreachable since ...').","additionalProperties":{"type":"object","additionalProperties":{"type":"string"}}}}};

function validate36(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://drover.dev/schema/placements.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.placements === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "placements"},message:"must have required property '"+"placements"+"'",schema:schema40.required,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "version") || (key0 === "placements"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.version !== undefined){
let data0 = data.version;
if(1 !== data0){
const err2 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema40.properties.version,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.placements !== undefined){
let data1 = data.placements;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
let data2 = data1[key1];
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key2 in data2){
let data3 = data2[key2];
if(typeof data3 !== "string"){
const err3 = {instancePath:instancePath+"/placements/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/placements/additionalProperties/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.properties.placements.additionalProperties.additionalProperties.type,parentSchema:schema40.properties.placements.additionalProperties.additionalProperties,data:data3};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath:instancePath+"/placements/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/placements/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema40.properties.placements.additionalProperties.type,parentSchema:schema40.properties.placements.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath:instancePath+"/placements",schemaPath:"#/properties/placements/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema40.properties.placements.type,parentSchema:schema40.properties.placements,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema40.type,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
validate36.errors = vErrors;
return errors === 0;
}

export const plan = validate37;
const schema41 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://drover.dev/schema/plan.schema.json","title":"PlanFile","description":"drover plan --format json: the steps that take the deployed units to the desired ones.","type":"object","additionalProperties":false,"required":["steps","unchanged","ids","idChanges","warnings"],"properties":{"steps":{"type":"array","description":"Deactivations (dependents first), then activations (dependencies first).","items":{"title":"PlanStep","type":"object","additionalProperties":false,"required":["op","service","target","container","reason","hash","requires"],"properties":{"op":{"enum":["deactivate","activate"]},"service":{"type":"string"},"target":{"type":"string"},"container":{"type":"string"},"reason":{"title":"PlanStepReason","type":"object","description":"Why the step is there: a kind to decide on and a message for people.","additionalProperties":false,"required":["kind","message"],"properties":{"kind":{"title":"PlanStepReasonKind","enum":["new","removed","added-to-target","removed-from-target","moved-here","moved-away","container-changed","config-changed","dependency-changed","dependency-set-changed","not-running"],"description":"new: activate a service that was deployed nowhere.\nremoved: deactivate a service that is desired nowhere.\nadded-to-target: activate a service on one more target; it stays on its others.\nremoved-from-target: deactivate a service on one target fewer; it stays on its others.\nmoved-here: activate a service on a target it moves to from targets it leaves.\nmoved-away: deactivate a service on a target it leaves for targets it moves to.\ncontainer-changed: the service runs on this target before and after, but not in this unit's container on both sides.\nconfig-changed: the unit's own content (its resolved spec or what its renderer produces) changed.\ndependency-changed: a service it is activated after (dependsOn, activatesAfter) is redeployed by this plan.\ndependency-set-changed: the units it is activated after changed (one added or dropped, or taken off a target) while none of them is redeployed.\nnot-running: the unit is deployed as desired, but its manager does not run it (it crashed, was stopped by hand, or its manager is down): it is started again, and no new generation is recorded for it."},"message":{"type":"string","description":"The reason as text: new, removed, added to T, removed from T, moved from T, moved to T, container changed on T, config changed, dependency X changed, dependencies changed, not running on T: start."}}},"hash":{"type":"string","description":"The unit's hash (old for deactivate, new for activate)."},"requires":{"type":"array","description":"Indexes of earlier steps that must finish first; steps with no path between them may run in parallel.","items":{"type":"integer","minimum":0}}}}},"unchanged":{"type":"array","items":{"title":"UnitKey","type":"object","additionalProperties":false,"required":["service","target","container"],"properties":{"service":{"type":"string"},"target":{"type":"string"},"container":{"type":"string"}}}},"ids":{"$ref":"ids.schema.json"},"idChanges":{"type":"array","items":{"title":"IdChange","type":"object","additionalProperties":false,"required":["pool","service"],"properties":{"pool":{"type":"string"},"service":{"type":"string"},"from":{"type":"integer","description":"Previous ID (absent when newly assigned)."},"to":{"type":"integer","description":"New ID (absent when released)."}}}},"reservationChanges":{"type":"array","description":"IDs a pool with skipInUse began to reserve on a target (skipped: captured.json shows them in use there) or stopped reserving (ids.json's reserved), by target, pool and ID; absent when there are none.","items":{"title":"ReservationChange","type":"object","additionalProperties":false,"required":["target","pool","id","change"],"properties":{"target":{"type":"string"},"pool":{"type":"string"},"id":{"type":"integer"},"change":{"enum":["reserved","unreserved"]}}}},"warnings":{"type":"array","items":{"type":"string"}},"placementChanges":{"type":"array","description":"The scheduler's changes to placements.json: a copy placed on a target, or taken off one, and why.","items":{"title":"PlacementChange","type":"object","additionalProperties":false,"required":["service","target","change","reason"],"properties":{"service":{"type":"string"},"target":{"type":"string"},"change":{"enum":["placed","removed"]},"reason":{"type":"string"}}}},"rollouts":{"type":"array","description":"Services whose changed copies roll out in more than one batch (update.maxUnavailable at a time, each batch health-gated): the targets of each batch, in order.","items":{"title":"Rollout","type":"object","additionalProperties":false,"required":["service","batches"],"properties":{"service":{"type":"string"},"batches":{"type":"array","items":{"type":"array","items":{"type":"string"}}}}}}}};

function validate37(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://drover.dev/schema/plan.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.steps === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "steps"},message:"must have required property '"+"steps"+"'",schema:schema41.required,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.unchanged === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "unchanged"},message:"must have required property '"+"unchanged"+"'",schema:schema41.required,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.ids === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "ids"},message:"must have required property '"+"ids"+"'",schema:schema41.required,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.idChanges === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "idChanges"},message:"must have required property '"+"idChanges"+"'",schema:schema41.required,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.warnings === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "warnings"},message:"must have required property '"+"warnings"+"'",schema:schema41.required,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "steps") || (key0 === "unchanged")) || (key0 === "ids")) || (key0 === "idChanges")) || (key0 === "reservationChanges")) || (key0 === "warnings")) || (key0 === "placementChanges")) || (key0 === "rollouts"))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.steps !== undefined){
let data0 = data.steps;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.op === undefined){
const err6 = {instancePath:instancePath+"/steps/" + i0,schemaPath:"#/properties/steps/items/required",keyword:"required",params:{missingProperty: "op"},message:"must have required property '"+"op"+"'",schema:schema41.properties.steps.items.required,parentSchema:schema41.properties.steps.items,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data1.service === undefined){
const err7 = {instancePath:instancePath+"/steps/" + i0,schemaPath:"#/properties/steps/items/required",keyword:"required",params:{missingProperty: "service"},message:"must have required property '"+"service"+"'",schema:schema41.properties.steps.items.required,parentSchema:schema41.properties.steps.items,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data1.target === undefined){
const err8 = {instancePath:instancePath+"/steps/" + i0,schemaPath:"#/properties/steps/items/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'",schema:schema41.properties.steps.items.required,parentSchema:schema41.properties.steps.items,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data1.container === undefined){
const err9 = {instancePath:instancePath+"/steps/" + i0,schemaPath:"#/properties/steps/items/required",keyword:"required",params:{missingProperty: "container"},message:"must have required property '"+"container"+"'",schema:schema41.properties.steps.items.required,parentSchema:schema41.properties.steps.items,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data1.reason === undefined){
const err10 = {instancePath:instancePath+"/steps/" + i0,schemaPath:"#/properties/steps/items/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'",schema:schema41.properties.steps.items.required,parentSchema:schema41.properties.steps.items,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data1.hash === undefined){
const err11 = {instancePath:instancePath+"/steps/" + i0,schemaPath:"#/properties/steps/items/required",keyword:"required",params:{missingProperty: "hash"},message:"must have required property '"+"hash"+"'",schema:schema41.properties.steps.items.required,parentSchema:schema41.properties.steps.items,data:data1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data1.requires === undefined){
const err12 = {instancePath:instancePath+"/steps/" + i0,schemaPath:"#/properties/steps/items/required",keyword:"required",params:{missingProperty: "requires"},message:"must have required property '"+"requires"+"'",schema:schema41.properties.steps.items.required,parentSchema:schema41.properties.steps.items,data:data1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
for(const key1 in data1){
if(!(((((((key1 === "op") || (key1 === "service")) || (key1 === "target")) || (key1 === "container")) || (key1 === "reason")) || (key1 === "hash")) || (key1 === "requires"))){
const err13 = {instancePath:instancePath+"/steps/" + i0,schemaPath:"#/properties/steps/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema41.properties.steps.items,data:data1};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data1.op !== undefined){
let data2 = data1.op;
if(!((data2 === "deactivate") || (data2 === "activate"))){
const err14 = {instancePath:instancePath+"/steps/" + i0+"/op",schemaPath:"#/properties/steps/items/properties/op/enum",keyword:"enum",params:{allowedValues: schema41.properties.steps.items.properties.op.enum},message:"must be equal to one of the allowed values",schema:schema41.properties.steps.items.properties.op.enum,parentSchema:schema41.properties.steps.items.properties.op,data:data2};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data1.service !== undefined){
let data3 = data1.service;
if(typeof data3 !== "string"){
const err15 = {instancePath:instancePath+"/steps/" + i0+"/service",schemaPath:"#/properties/steps/items/properties/service/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.steps.items.properties.service.type,parentSchema:schema41.properties.steps.items.properties.service,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data1.target !== undefined){
let data4 = data1.target;
if(typeof data4 !== "string"){
const err16 = {instancePath:instancePath+"/steps/" + i0+"/target",schemaPath:"#/properties/steps/items/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.steps.items.properties.target.type,parentSchema:schema41.properties.steps.items.properties.target,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data1.container !== undefined){
let data5 = data1.container;
if(typeof data5 !== "string"){
const err17 = {instancePath:instancePath+"/steps/" + i0+"/container",schemaPath:"#/properties/steps/items/properties/container/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.steps.items.properties.container.type,parentSchema:schema41.properties.steps.items.properties.container,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data1.reason !== undefined){
let data6 = data1.reason;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.kind === undefined){
const err18 = {instancePath:instancePath+"/steps/" + i0+"/reason",schemaPath:"#/properties/steps/items/properties/reason/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema41.properties.steps.items.properties.reason.required,parentSchema:schema41.properties.steps.items.properties.reason,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(data6.message === undefined){
const err19 = {instancePath:instancePath+"/steps/" + i0+"/reason",schemaPath:"#/properties/steps/items/properties/reason/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'",schema:schema41.properties.steps.items.properties.reason.required,parentSchema:schema41.properties.steps.items.properties.reason,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
for(const key2 in data6){
if(!((key2 === "kind") || (key2 === "message"))){
const err20 = {instancePath:instancePath+"/steps/" + i0+"/reason",schemaPath:"#/properties/steps/items/properties/reason/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema41.properties.steps.items.properties.reason,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data6.kind !== undefined){
let data7 = data6.kind;
if(!(((((((((((data7 === "new") || (data7 === "removed")) || (data7 === "added-to-target")) || (data7 === "removed-from-target")) || (data7 === "moved-here")) || (data7 === "moved-away")) || (data7 === "container-changed")) || (data7 === "config-changed")) || (data7 === "dependency-changed")) || (data7 === "dependency-set-changed")) || (data7 === "not-running"))){
const err21 = {instancePath:instancePath+"/steps/" + i0+"/reason/kind",schemaPath:"#/properties/steps/items/properties/reason/properties/kind/enum",keyword:"enum",params:{allowedValues: schema41.properties.steps.items.properties.reason.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema41.properties.steps.items.properties.reason.properties.kind.enum,parentSchema:schema41.properties.steps.items.properties.reason.properties.kind,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data6.message !== undefined){
let data8 = data6.message;
if(typeof data8 !== "string"){
const err22 = {instancePath:instancePath+"/steps/" + i0+"/reason/message",schemaPath:"#/properties/steps/items/properties/reason/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.steps.items.properties.reason.properties.message.type,parentSchema:schema41.properties.steps.items.properties.reason.properties.message,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/steps/" + i0+"/reason",schemaPath:"#/properties/steps/items/properties/reason/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.properties.steps.items.properties.reason.type,parentSchema:schema41.properties.steps.items.properties.reason,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data1.hash !== undefined){
let data9 = data1.hash;
if(typeof data9 !== "string"){
const err24 = {instancePath:instancePath+"/steps/" + i0+"/hash",schemaPath:"#/properties/steps/items/properties/hash/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.steps.items.properties.hash.type,parentSchema:schema41.properties.steps.items.properties.hash,data:data9};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data1.requires !== undefined){
let data10 = data1.requires;
if(Array.isArray(data10)){
const len1 = data10.length;
for(let i1=0; i1<len1; i1++){
let data11 = data10[i1];
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err25 = {instancePath:instancePath+"/steps/" + i0+"/requires/" + i1,schemaPath:"#/properties/steps/items/properties/requires/items/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.properties.steps.items.properties.requires.items.type,parentSchema:schema41.properties.steps.items.properties.requires.items,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 0 || isNaN(data11)){
const err26 = {instancePath:instancePath+"/steps/" + i0+"/requires/" + i1,schemaPath:"#/properties/steps/items/properties/requires/items/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema41.properties.steps.items.properties.requires.items,data:data11};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
}
else {
const err27 = {instancePath:instancePath+"/steps/" + i0+"/requires",schemaPath:"#/properties/steps/items/properties/requires/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.steps.items.properties.requires.type,parentSchema:schema41.properties.steps.items.properties.requires,data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/steps/" + i0,schemaPath:"#/properties/steps/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.properties.steps.items.type,parentSchema:schema41.properties.steps.items,data:data1};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/steps",schemaPath:"#/properties/steps/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.steps.type,parentSchema:schema41.properties.steps,data:data0};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.unchanged !== undefined){
let data12 = data.unchanged;
if(Array.isArray(data12)){
const len2 = data12.length;
for(let i2=0; i2<len2; i2++){
let data13 = data12[i2];
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
if(data13.service === undefined){
const err30 = {instancePath:instancePath+"/unchanged/" + i2,schemaPath:"#/properties/unchanged/items/required",keyword:"required",params:{missingProperty: "service"},message:"must have required property '"+"service"+"'",schema:schema41.properties.unchanged.items.required,parentSchema:schema41.properties.unchanged.items,data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data13.target === undefined){
const err31 = {instancePath:instancePath+"/unchanged/" + i2,schemaPath:"#/properties/unchanged/items/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'",schema:schema41.properties.unchanged.items.required,parentSchema:schema41.properties.unchanged.items,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data13.container === undefined){
const err32 = {instancePath:instancePath+"/unchanged/" + i2,schemaPath:"#/properties/unchanged/items/required",keyword:"required",params:{missingProperty: "container"},message:"must have required property '"+"container"+"'",schema:schema41.properties.unchanged.items.required,parentSchema:schema41.properties.unchanged.items,data:data13};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
for(const key3 in data13){
if(!(((key3 === "service") || (key3 === "target")) || (key3 === "container"))){
const err33 = {instancePath:instancePath+"/unchanged/" + i2,schemaPath:"#/properties/unchanged/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema41.properties.unchanged.items,data:data13};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data13.service !== undefined){
let data14 = data13.service;
if(typeof data14 !== "string"){
const err34 = {instancePath:instancePath+"/unchanged/" + i2+"/service",schemaPath:"#/properties/unchanged/items/properties/service/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.unchanged.items.properties.service.type,parentSchema:schema41.properties.unchanged.items.properties.service,data:data14};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data13.target !== undefined){
let data15 = data13.target;
if(typeof data15 !== "string"){
const err35 = {instancePath:instancePath+"/unchanged/" + i2+"/target",schemaPath:"#/properties/unchanged/items/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.unchanged.items.properties.target.type,parentSchema:schema41.properties.unchanged.items.properties.target,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data13.container !== undefined){
let data16 = data13.container;
if(typeof data16 !== "string"){
const err36 = {instancePath:instancePath+"/unchanged/" + i2+"/container",schemaPath:"#/properties/unchanged/items/properties/container/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.unchanged.items.properties.container.type,parentSchema:schema41.properties.unchanged.items.properties.container,data:data16};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath:instancePath+"/unchanged/" + i2,schemaPath:"#/properties/unchanged/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.properties.unchanged.items.type,parentSchema:schema41.properties.unchanged.items,data:data13};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
else {
const err38 = {instancePath:instancePath+"/unchanged",schemaPath:"#/properties/unchanged/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.unchanged.type,parentSchema:schema41.properties.unchanged,data:data12};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.ids !== undefined){
if(!(validate15(data.ids, {instancePath:instancePath+"/ids",parentData:data,parentDataProperty:"ids",rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
}
if(data.idChanges !== undefined){
let data18 = data.idChanges;
if(Array.isArray(data18)){
const len3 = data18.length;
for(let i3=0; i3<len3; i3++){
let data19 = data18[i3];
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
if(data19.pool === undefined){
const err39 = {instancePath:instancePath+"/idChanges/" + i3,schemaPath:"#/properties/idChanges/items/required",keyword:"required",params:{missingProperty: "pool"},message:"must have required property '"+"pool"+"'",schema:schema41.properties.idChanges.items.required,parentSchema:schema41.properties.idChanges.items,data:data19};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if(data19.service === undefined){
const err40 = {instancePath:instancePath+"/idChanges/" + i3,schemaPath:"#/properties/idChanges/items/required",keyword:"required",params:{missingProperty: "service"},message:"must have required property '"+"service"+"'",schema:schema41.properties.idChanges.items.required,parentSchema:schema41.properties.idChanges.items,data:data19};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
for(const key4 in data19){
if(!((((key4 === "pool") || (key4 === "service")) || (key4 === "from")) || (key4 === "to"))){
const err41 = {instancePath:instancePath+"/idChanges/" + i3,schemaPath:"#/properties/idChanges/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema41.properties.idChanges.items,data:data19};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data19.pool !== undefined){
let data20 = data19.pool;
if(typeof data20 !== "string"){
const err42 = {instancePath:instancePath+"/idChanges/" + i3+"/pool",schemaPath:"#/properties/idChanges/items/properties/pool/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.idChanges.items.properties.pool.type,parentSchema:schema41.properties.idChanges.items.properties.pool,data:data20};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data19.service !== undefined){
let data21 = data19.service;
if(typeof data21 !== "string"){
const err43 = {instancePath:instancePath+"/idChanges/" + i3+"/service",schemaPath:"#/properties/idChanges/items/properties/service/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.idChanges.items.properties.service.type,parentSchema:schema41.properties.idChanges.items.properties.service,data:data21};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data19.from !== undefined){
let data22 = data19.from;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err44 = {instancePath:instancePath+"/idChanges/" + i3+"/from",schemaPath:"#/properties/idChanges/items/properties/from/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.properties.idChanges.items.properties.from.type,parentSchema:schema41.properties.idChanges.items.properties.from,data:data22};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data19.to !== undefined){
let data23 = data19.to;
if(!(((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23))) && (isFinite(data23)))){
const err45 = {instancePath:instancePath+"/idChanges/" + i3+"/to",schemaPath:"#/properties/idChanges/items/properties/to/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.properties.idChanges.items.properties.to.type,parentSchema:schema41.properties.idChanges.items.properties.to,data:data23};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
else {
const err46 = {instancePath:instancePath+"/idChanges/" + i3,schemaPath:"#/properties/idChanges/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.properties.idChanges.items.type,parentSchema:schema41.properties.idChanges.items,data:data19};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
}
else {
const err47 = {instancePath:instancePath+"/idChanges",schemaPath:"#/properties/idChanges/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.idChanges.type,parentSchema:schema41.properties.idChanges,data:data18};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data.reservationChanges !== undefined){
let data24 = data.reservationChanges;
if(Array.isArray(data24)){
const len4 = data24.length;
for(let i4=0; i4<len4; i4++){
let data25 = data24[i4];
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
if(data25.target === undefined){
const err48 = {instancePath:instancePath+"/reservationChanges/" + i4,schemaPath:"#/properties/reservationChanges/items/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'",schema:schema41.properties.reservationChanges.items.required,parentSchema:schema41.properties.reservationChanges.items,data:data25};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(data25.pool === undefined){
const err49 = {instancePath:instancePath+"/reservationChanges/" + i4,schemaPath:"#/properties/reservationChanges/items/required",keyword:"required",params:{missingProperty: "pool"},message:"must have required property '"+"pool"+"'",schema:schema41.properties.reservationChanges.items.required,parentSchema:schema41.properties.reservationChanges.items,data:data25};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(data25.id === undefined){
const err50 = {instancePath:instancePath+"/reservationChanges/" + i4,schemaPath:"#/properties/reservationChanges/items/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema41.properties.reservationChanges.items.required,parentSchema:schema41.properties.reservationChanges.items,data:data25};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if(data25.change === undefined){
const err51 = {instancePath:instancePath+"/reservationChanges/" + i4,schemaPath:"#/properties/reservationChanges/items/required",keyword:"required",params:{missingProperty: "change"},message:"must have required property '"+"change"+"'",schema:schema41.properties.reservationChanges.items.required,parentSchema:schema41.properties.reservationChanges.items,data:data25};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
for(const key5 in data25){
if(!((((key5 === "target") || (key5 === "pool")) || (key5 === "id")) || (key5 === "change"))){
const err52 = {instancePath:instancePath+"/reservationChanges/" + i4,schemaPath:"#/properties/reservationChanges/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema41.properties.reservationChanges.items,data:data25};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data25.target !== undefined){
let data26 = data25.target;
if(typeof data26 !== "string"){
const err53 = {instancePath:instancePath+"/reservationChanges/" + i4+"/target",schemaPath:"#/properties/reservationChanges/items/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.reservationChanges.items.properties.target.type,parentSchema:schema41.properties.reservationChanges.items.properties.target,data:data26};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data25.pool !== undefined){
let data27 = data25.pool;
if(typeof data27 !== "string"){
const err54 = {instancePath:instancePath+"/reservationChanges/" + i4+"/pool",schemaPath:"#/properties/reservationChanges/items/properties/pool/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.reservationChanges.items.properties.pool.type,parentSchema:schema41.properties.reservationChanges.items.properties.pool,data:data27};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data25.id !== undefined){
let data28 = data25.id;
if(!(((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28))) && (isFinite(data28)))){
const err55 = {instancePath:instancePath+"/reservationChanges/" + i4+"/id",schemaPath:"#/properties/reservationChanges/items/properties/id/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.properties.reservationChanges.items.properties.id.type,parentSchema:schema41.properties.reservationChanges.items.properties.id,data:data28};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data25.change !== undefined){
let data29 = data25.change;
if(!((data29 === "reserved") || (data29 === "unreserved"))){
const err56 = {instancePath:instancePath+"/reservationChanges/" + i4+"/change",schemaPath:"#/properties/reservationChanges/items/properties/change/enum",keyword:"enum",params:{allowedValues: schema41.properties.reservationChanges.items.properties.change.enum},message:"must be equal to one of the allowed values",schema:schema41.properties.reservationChanges.items.properties.change.enum,parentSchema:schema41.properties.reservationChanges.items.properties.change,data:data29};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
}
else {
const err57 = {instancePath:instancePath+"/reservationChanges/" + i4,schemaPath:"#/properties/reservationChanges/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.properties.reservationChanges.items.type,parentSchema:schema41.properties.reservationChanges.items,data:data25};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
}
else {
const err58 = {instancePath:instancePath+"/reservationChanges",schemaPath:"#/properties/reservationChanges/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.reservationChanges.type,parentSchema:schema41.properties.reservationChanges,data:data24};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data.warnings !== undefined){
let data30 = data.warnings;
if(Array.isArray(data30)){
const len5 = data30.length;
for(let i5=0; i5<len5; i5++){
let data31 = data30[i5];
if(typeof data31 !== "string"){
const err59 = {instancePath:instancePath+"/warnings/" + i5,schemaPath:"#/properties/warnings/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.warnings.items.type,parentSchema:schema41.properties.warnings.items,data:data31};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
}
else {
const err60 = {instancePath:instancePath+"/warnings",schemaPath:"#/properties/warnings/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.warnings.type,parentSchema:schema41.properties.warnings,data:data30};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data.placementChanges !== undefined){
let data32 = data.placementChanges;
if(Array.isArray(data32)){
const len6 = data32.length;
for(let i6=0; i6<len6; i6++){
let data33 = data32[i6];
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
if(data33.service === undefined){
const err61 = {instancePath:instancePath+"/placementChanges/" + i6,schemaPath:"#/properties/placementChanges/items/required",keyword:"required",params:{missingProperty: "service"},message:"must have required property '"+"service"+"'",schema:schema41.properties.placementChanges.items.required,parentSchema:schema41.properties.placementChanges.items,data:data33};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if(data33.target === undefined){
const err62 = {instancePath:instancePath+"/placementChanges/" + i6,schemaPath:"#/properties/placementChanges/items/required",keyword:"required",params:{missingProperty: "target"},message:"must have required property '"+"target"+"'",schema:schema41.properties.placementChanges.items.required,parentSchema:schema41.properties.placementChanges.items,data:data33};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(data33.change === undefined){
const err63 = {instancePath:instancePath+"/placementChanges/" + i6,schemaPath:"#/properties/placementChanges/items/required",keyword:"required",params:{missingProperty: "change"},message:"must have required property '"+"change"+"'",schema:schema41.properties.placementChanges.items.required,parentSchema:schema41.properties.placementChanges.items,data:data33};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
if(data33.reason === undefined){
const err64 = {instancePath:instancePath+"/placementChanges/" + i6,schemaPath:"#/properties/placementChanges/items/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'",schema:schema41.properties.placementChanges.items.required,parentSchema:schema41.properties.placementChanges.items,data:data33};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
for(const key6 in data33){
if(!((((key6 === "service") || (key6 === "target")) || (key6 === "change")) || (key6 === "reason"))){
const err65 = {instancePath:instancePath+"/placementChanges/" + i6,schemaPath:"#/properties/placementChanges/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema41.properties.placementChanges.items,data:data33};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data33.service !== undefined){
let data34 = data33.service;
if(typeof data34 !== "string"){
const err66 = {instancePath:instancePath+"/placementChanges/" + i6+"/service",schemaPath:"#/properties/placementChanges/items/properties/service/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.placementChanges.items.properties.service.type,parentSchema:schema41.properties.placementChanges.items.properties.service,data:data34};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data33.target !== undefined){
let data35 = data33.target;
if(typeof data35 !== "string"){
const err67 = {instancePath:instancePath+"/placementChanges/" + i6+"/target",schemaPath:"#/properties/placementChanges/items/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.placementChanges.items.properties.target.type,parentSchema:schema41.properties.placementChanges.items.properties.target,data:data35};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data33.change !== undefined){
let data36 = data33.change;
if(!((data36 === "placed") || (data36 === "removed"))){
const err68 = {instancePath:instancePath+"/placementChanges/" + i6+"/change",schemaPath:"#/properties/placementChanges/items/properties/change/enum",keyword:"enum",params:{allowedValues: schema41.properties.placementChanges.items.properties.change.enum},message:"must be equal to one of the allowed values",schema:schema41.properties.placementChanges.items.properties.change.enum,parentSchema:schema41.properties.placementChanges.items.properties.change,data:data36};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data33.reason !== undefined){
let data37 = data33.reason;
if(typeof data37 !== "string"){
const err69 = {instancePath:instancePath+"/placementChanges/" + i6+"/reason",schemaPath:"#/properties/placementChanges/items/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.placementChanges.items.properties.reason.type,parentSchema:schema41.properties.placementChanges.items.properties.reason,data:data37};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
else {
const err70 = {instancePath:instancePath+"/placementChanges/" + i6,schemaPath:"#/properties/placementChanges/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.properties.placementChanges.items.type,parentSchema:schema41.properties.placementChanges.items,data:data33};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
}
else {
const err71 = {instancePath:instancePath+"/placementChanges",schemaPath:"#/properties/placementChanges/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.placementChanges.type,parentSchema:schema41.properties.placementChanges,data:data32};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data.rollouts !== undefined){
let data38 = data.rollouts;
if(Array.isArray(data38)){
const len7 = data38.length;
for(let i7=0; i7<len7; i7++){
let data39 = data38[i7];
if(data39 && typeof data39 == "object" && !Array.isArray(data39)){
if(data39.service === undefined){
const err72 = {instancePath:instancePath+"/rollouts/" + i7,schemaPath:"#/properties/rollouts/items/required",keyword:"required",params:{missingProperty: "service"},message:"must have required property '"+"service"+"'",schema:schema41.properties.rollouts.items.required,parentSchema:schema41.properties.rollouts.items,data:data39};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if(data39.batches === undefined){
const err73 = {instancePath:instancePath+"/rollouts/" + i7,schemaPath:"#/properties/rollouts/items/required",keyword:"required",params:{missingProperty: "batches"},message:"must have required property '"+"batches"+"'",schema:schema41.properties.rollouts.items.required,parentSchema:schema41.properties.rollouts.items,data:data39};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
for(const key7 in data39){
if(!((key7 === "service") || (key7 === "batches"))){
const err74 = {instancePath:instancePath+"/rollouts/" + i7,schemaPath:"#/properties/rollouts/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema41.properties.rollouts.items,data:data39};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(data39.service !== undefined){
let data40 = data39.service;
if(typeof data40 !== "string"){
const err75 = {instancePath:instancePath+"/rollouts/" + i7+"/service",schemaPath:"#/properties/rollouts/items/properties/service/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.rollouts.items.properties.service.type,parentSchema:schema41.properties.rollouts.items.properties.service,data:data40};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data39.batches !== undefined){
let data41 = data39.batches;
if(Array.isArray(data41)){
const len8 = data41.length;
for(let i8=0; i8<len8; i8++){
let data42 = data41[i8];
if(Array.isArray(data42)){
const len9 = data42.length;
for(let i9=0; i9<len9; i9++){
let data43 = data42[i9];
if(typeof data43 !== "string"){
const err76 = {instancePath:instancePath+"/rollouts/" + i7+"/batches/" + i8+"/" + i9,schemaPath:"#/properties/rollouts/items/properties/batches/items/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.rollouts.items.properties.batches.items.items.type,parentSchema:schema41.properties.rollouts.items.properties.batches.items.items,data:data43};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
}
else {
const err77 = {instancePath:instancePath+"/rollouts/" + i7+"/batches/" + i8,schemaPath:"#/properties/rollouts/items/properties/batches/items/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.rollouts.items.properties.batches.items.type,parentSchema:schema41.properties.rollouts.items.properties.batches.items,data:data42};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
}
else {
const err78 = {instancePath:instancePath+"/rollouts/" + i7+"/batches",schemaPath:"#/properties/rollouts/items/properties/batches/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.rollouts.items.properties.batches.type,parentSchema:schema41.properties.rollouts.items.properties.batches,data:data41};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
}
else {
const err79 = {instancePath:instancePath+"/rollouts/" + i7,schemaPath:"#/properties/rollouts/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.properties.rollouts.items.type,parentSchema:schema41.properties.rollouts.items,data:data39};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
}
else {
const err80 = {instancePath:instancePath+"/rollouts",schemaPath:"#/properties/rollouts/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.rollouts.type,parentSchema:schema41.properties.rollouts,data:data38};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
}
else {
const err81 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
validate37.errors = vErrors;
return errors === 0;
}

export const services = validate39;
const schema42 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://drover.dev/schema/services.schema.json","title":"ServicesFile","description":"services.yaml (or one fragment services/*.yaml): the services drover can deploy, keyed by name.","type":"object","additionalProperties":false,"required":["services"],"properties":{"services":{"type":"object","description":"Services keyed by name (a plain identifier).","additionalProperties":{"$ref":"#/definitions/service"}}},"definitions":{"service":{"title":"Service","type":"object","additionalProperties":false,"properties":{"description":{"type":"string"},"type":{"type":"string","format":"identifier","description":"Container kind the service is deployed into: 'process' (run by the target's process manager, the default), 'package' (shipped, never activated), or a container the target declares."},"package":{"type":"string","minLength":1,"description":"A folder of the models repository shipped to the target, or an absolute path already on the target."},"process":{"$ref":"#/definitions/process"},"files":{"type":"object","description":"Configuration files rendered from templates, keyed by file name.","additionalProperties":{"$ref":"#/definitions/file"}},"dependsOn":{"$ref":"#/definitions/serviceNames"},"connectsTo":{"$ref":"#/definitions/serviceNames"},"activatesAfter":{"$ref":"#/definitions/serviceNames"},"requiresUniqueIdsFor":{"type":"array","description":"ID pools this service takes one ID from.","uniqueItems":true,"items":{"type":"string","format":"identifier"}},"healthCheck":{"$ref":"#/definitions/healthCheck"},"replicas":{"type":"integer","minimum":1,"maximum":10000,"description":"How many copies the scheduler places, each on a different target (instead of listing the targets in distribution.yaml)."},"resources":{"type":"object","additionalProperties":false,"description":"What one copy needs of its target's capacity.","properties":{"cpu":{"$ref":"#/definitions/cpu"},"memory":{"$ref":"#/definitions/memory"}}},"placement":{"type":"object","additionalProperties":false,"description":"Where the scheduler may place the service's copies.","properties":{"constraints":{"type":"object","description":"Target properties a copy's target must have: a value, or one of a list of values.","additionalProperties":{"oneOf":[{"$ref":"#/definitions/scalar"},{"type":"array","minItems":1,"items":{"$ref":"#/definitions/scalar"}}]}},"spread":{"type":"string","minLength":1,"description":"Spread the copies evenly over the values of this target property (such as zone)."},"everywhere":{"type":"boolean","description":"One copy on every target that meets the constraints (instead of replicas)."}}},"update":{"type":"object","additionalProperties":false,"description":"How a changed spec rolls out over the copies.","properties":{"maxUnavailable":{"type":"integer","minimum":1,"description":"Copies stopped at a time (default 1)."},"maxSurge":{"type":"integer","minimum":0,"maximum":1,"description":"Copies started on another target before an old one stops (default 0)."}}},"exclusive":{"type":"boolean","description":"Never two copies running at once, even while a target is cut off: its copy runs under a lease (replicas: 1)."},"deployState":{"type":"boolean","description":"Its state (a database) moves with it: when it is placed on another target, drover locks it where it runs, snapshots it there, streams the snapshot through the controller with a checksum, restores it on the new target, and only then starts it there and stops the old copy (which keeps its data until `drover gc --state`). A failure rolls everything back: the old copy keeps serving. Needs an activation module that keeps state (postgresql-database, mysql-database) and one copy."},"state":{"type":"object","additionalProperties":false,"description":"What drover does with the service's state.","properties":{"onLoss":{"enum":["refuse","empty"],"description":"When its target is lost (unreachable past --failover-after) and its state cannot be moved: refuse (the default) keeps the copy where it is and reports it; empty starts it anew, empty, elsewhere."}}},"provides":{"type":"object","additionalProperties":false,"description":"What this service offers the services placed with it (Disnix's providesContainer): on every target where it runs, each container here exists with these properties, and services of that type placed there run in it, activated after it.","properties":{"containers":{"type":"object","description":"Containers keyed by type, with their properties: processManager (what runs the services placed in it; package, to only install them, by default) and any others, which may be templates over this service's name, target and ids.","propertyNames":{"format":"identifier"},"additionalProperties":{"type":"object","additionalProperties":{"$ref":"#/definitions/scalar"}}}}},"instances":{"type":"object","description":"Named instances of this service, each a service of its own (with its own IDs, placed by its name) made from this definition with its fields merged over it: objects field by field, anything else replaced. Templates see the instance's name as instanceName and the definition's as name.","propertyNames":{"format":"identifier"},"additionalProperties":{"$ref":"#/definitions/service"}},"attributes":{"type":"object","description":"Values the service passes to its dependents, which see them as deps.<name>.attributes.<key> (and each instance's, in a loop over deps.<name>.instances). Values may be templates over the service's own name, target, container and ids.","propertyNames":{"format":"identifier"},"additionalProperties":{"$ref":"#/definitions/scalar"}}}},"serviceNames":{"description":"Service names. dependsOn: activated first, details passed, a change cascades. connectsTo: details passed, no ordering, no cascade, cycles allowed. activatesAfter: activated first, nothing passed.","type":"array","uniqueItems":true,"items":{"type":"string","format":"identifier"}},"scalar":{"type":["string","number","boolean"]},"process":{"title":"Process","description":"How to run the service, independent of any process manager (nix-processmgmt's createManagedProcess).","type":"object","additionalProperties":false,"properties":{"command":{"type":"string","minLength":1,"description":"Executable that stays in the foreground."},"args":{"type":"array","items":{"$ref":"#/definitions/scalar"}},"daemon":{"type":"string","minLength":1,"description":"Executable that daemonises itself and writes pidFile."},"daemonArgs":{"type":"array","items":{"$ref":"#/definitions/scalar"}},"pidFile":{"type":"string","minLength":1,"description":"Where the daemon form writes its PID. Default: <stateDir>/run/<service>/<service>.pid, in the service's run folder (templates: runDir), which belongs to the user it runs as."},"environment":{"type":"object","propertyNames":{"format":"envName"},"additionalProperties":{"$ref":"#/definitions/scalar"}},"directory":{"type":"string","minLength":1},"user":{"type":"string","format":"identifier"},"group":{"type":"string","format":"identifier"},"umask":{"type":"string","format":"umask"},"nice":{"type":"integer","minimum":-20,"maximum":19},"credentials":{"$ref":"#/definitions/credentials"},"overrides":{"type":"object","description":"Manager-specific settings merged last, keyed by process manager. Each manager takes only keys its format can hold (supervisord [a-z][a-z0-9_]*, systemd sections and settings, rc.subr variable names, launchd keys [A-Za-z0-9_.-]+, compose keys; s6 and sysvinit the keys they read), and values with no character its format cannot hold.","additionalProperties":{"type":"object","additionalProperties":{}}}}},"credentials":{"title":"Credentials","description":"Users and groups to create; their uid/gid come from the uids/gids pools when the service asks for them.","type":"object","additionalProperties":false,"properties":{"users":{"type":"object","additionalProperties":{"type":"object","additionalProperties":false,"properties":{"group":{"type":"string","format":"identifier"},"description":{"type":"string"},"homeDir":{"type":"string"},"shell":{"type":"string"}}}},"groups":{"type":"object","additionalProperties":{"type":"object","additionalProperties":false,"properties":{}}}}},"file":{"title":"ConfigFile","description":"A configuration file: a template file of the repository, or inline content. Both may use ${{ ... }}.","type":"object","additionalProperties":false,"properties":{"template":{"type":"string","minLength":1},"content":{"type":"string"},"mode":{"type":"string","format":"fileMode","description":"Octal file mode, default \"0644\". At most 0777 (no setuid, setgid or sticky bit), and not writable by every user."}}},"healthCheck":{"title":"HealthCheck","description":"How drover decides the service is up: exactly one of tcp, http or command.","type":"object","additionalProperties":false,"properties":{"tcp":{"type":"string","description":"HOST:PORT that must accept a connection."},"http":{"type":"string","description":"URL that must answer with a 2xx or 3xx status."},"command":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/scalar"},"description":"argv that must exit 0."},"timeout":{"type":"string","format":"duration","description":"How long to wait for health (default 10s)."}}},"cpu":{"description":"CPU cores: a number (0.5) or millicores ('500m').","oneOf":[{"type":"number","exclusiveMinimum":0,"maximum":100000},{"type":"string","pattern":"^[0-9]{1,9}m$"}]},"memory":{"description":"Bytes: a number, or with a suffix ('256Mi', '1Gi', '512M').","oneOf":[{"type":"integer","minimum":0,"maximum":9007199254740991},{"type":"string","pattern":"^[0-9]{1,15}(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"}]}}};
const schema43 = {"title":"Service","type":"object","additionalProperties":false,"properties":{"description":{"type":"string"},"type":{"type":"string","format":"identifier","description":"Container kind the service is deployed into: 'process' (run by the target's process manager, the default), 'package' (shipped, never activated), or a container the target declares."},"package":{"type":"string","minLength":1,"description":"A folder of the models repository shipped to the target, or an absolute path already on the target."},"process":{"$ref":"#/definitions/process"},"files":{"type":"object","description":"Configuration files rendered from templates, keyed by file name.","additionalProperties":{"$ref":"#/definitions/file"}},"dependsOn":{"$ref":"#/definitions/serviceNames"},"connectsTo":{"$ref":"#/definitions/serviceNames"},"activatesAfter":{"$ref":"#/definitions/serviceNames"},"requiresUniqueIdsFor":{"type":"array","description":"ID pools this service takes one ID from.","uniqueItems":true,"items":{"type":"string","format":"identifier"}},"healthCheck":{"$ref":"#/definitions/healthCheck"},"replicas":{"type":"integer","minimum":1,"maximum":10000,"description":"How many copies the scheduler places, each on a different target (instead of listing the targets in distribution.yaml)."},"resources":{"type":"object","additionalProperties":false,"description":"What one copy needs of its target's capacity.","properties":{"cpu":{"$ref":"#/definitions/cpu"},"memory":{"$ref":"#/definitions/memory"}}},"placement":{"type":"object","additionalProperties":false,"description":"Where the scheduler may place the service's copies.","properties":{"constraints":{"type":"object","description":"Target properties a copy's target must have: a value, or one of a list of values.","additionalProperties":{"oneOf":[{"$ref":"#/definitions/scalar"},{"type":"array","minItems":1,"items":{"$ref":"#/definitions/scalar"}}]}},"spread":{"type":"string","minLength":1,"description":"Spread the copies evenly over the values of this target property (such as zone)."},"everywhere":{"type":"boolean","description":"One copy on every target that meets the constraints (instead of replicas)."}}},"update":{"type":"object","additionalProperties":false,"description":"How a changed spec rolls out over the copies.","properties":{"maxUnavailable":{"type":"integer","minimum":1,"description":"Copies stopped at a time (default 1)."},"maxSurge":{"type":"integer","minimum":0,"maximum":1,"description":"Copies started on another target before an old one stops (default 0)."}}},"exclusive":{"type":"boolean","description":"Never two copies running at once, even while a target is cut off: its copy runs under a lease (replicas: 1)."},"deployState":{"type":"boolean","description":"Its state (a database) moves with it: when it is placed on another target, drover locks it where it runs, snapshots it there, streams the snapshot through the controller with a checksum, restores it on the new target, and only then starts it there and stops the old copy (which keeps its data until `drover gc --state`). A failure rolls everything back: the old copy keeps serving. Needs an activation module that keeps state (postgresql-database, mysql-database) and one copy."},"state":{"type":"object","additionalProperties":false,"description":"What drover does with the service's state.","properties":{"onLoss":{"enum":["refuse","empty"],"description":"When its target is lost (unreachable past --failover-after) and its state cannot be moved: refuse (the default) keeps the copy where it is and reports it; empty starts it anew, empty, elsewhere."}}},"provides":{"type":"object","additionalProperties":false,"description":"What this service offers the services placed with it (Disnix's providesContainer): on every target where it runs, each container here exists with these properties, and services of that type placed there run in it, activated after it.","properties":{"containers":{"type":"object","description":"Containers keyed by type, with their properties: processManager (what runs the services placed in it; package, to only install them, by default) and any others, which may be templates over this service's name, target and ids.","propertyNames":{"format":"identifier"},"additionalProperties":{"type":"object","additionalProperties":{"$ref":"#/definitions/scalar"}}}}},"instances":{"type":"object","description":"Named instances of this service, each a service of its own (with its own IDs, placed by its name) made from this definition with its fields merged over it: objects field by field, anything else replaced. Templates see the instance's name as instanceName and the definition's as name.","propertyNames":{"format":"identifier"},"additionalProperties":{"$ref":"#/definitions/service"}},"attributes":{"type":"object","description":"Values the service passes to its dependents, which see them as deps.<name>.attributes.<key> (and each instance's, in a loop over deps.<name>.instances). Values may be templates over the service's own name, target, container and ids.","propertyNames":{"format":"identifier"},"additionalProperties":{"$ref":"#/definitions/scalar"}}}};
const schema49 = {"title":"ConfigFile","description":"A configuration file: a template file of the repository, or inline content. Both may use ${{ ... }}.","type":"object","additionalProperties":false,"properties":{"template":{"type":"string","minLength":1},"content":{"type":"string"},"mode":{"type":"string","format":"fileMode","description":"Octal file mode, default \"0644\". At most 0777 (no setuid, setgid or sticky bit), and not writable by every user."}}};
const schema50 = {"description":"Service names. dependsOn: activated first, details passed, a change cascades. connectsTo: details passed, no ordering, no cascade, cycles allowed. activatesAfter: activated first, nothing passed.","type":"array","uniqueItems":true,"items":{"type":"string","format":"identifier"}};
const schema55 = {"description":"CPU cores: a number (0.5) or millicores ('500m').","oneOf":[{"type":"number","exclusiveMinimum":0,"maximum":100000},{"type":"string","pattern":"^[0-9]{1,9}m$"}]};
const schema56 = {"description":"Bytes: a number, or with a suffix ('256Mi', '1Gi', '512M').","oneOf":[{"type":"integer","minimum":0,"maximum":9007199254740991},{"type":"string","pattern":"^[0-9]{1,15}(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"}]};
const schema45 = {"type":["string","number","boolean"]};
const func5 = ucs2length;
const formats26 = /^0?[0-7]{3,4}$/;
const schema44 = {"title":"Process","description":"How to run the service, independent of any process manager (nix-processmgmt's createManagedProcess).","type":"object","additionalProperties":false,"properties":{"command":{"type":"string","minLength":1,"description":"Executable that stays in the foreground."},"args":{"type":"array","items":{"$ref":"#/definitions/scalar"}},"daemon":{"type":"string","minLength":1,"description":"Executable that daemonises itself and writes pidFile."},"daemonArgs":{"type":"array","items":{"$ref":"#/definitions/scalar"}},"pidFile":{"type":"string","minLength":1,"description":"Where the daemon form writes its PID. Default: <stateDir>/run/<service>/<service>.pid, in the service's run folder (templates: runDir), which belongs to the user it runs as."},"environment":{"type":"object","propertyNames":{"format":"envName"},"additionalProperties":{"$ref":"#/definitions/scalar"}},"directory":{"type":"string","minLength":1},"user":{"type":"string","format":"identifier"},"group":{"type":"string","format":"identifier"},"umask":{"type":"string","format":"umask"},"nice":{"type":"integer","minimum":-20,"maximum":19},"credentials":{"$ref":"#/definitions/credentials"},"overrides":{"type":"object","description":"Manager-specific settings merged last, keyed by process manager. Each manager takes only keys its format can hold (supervisord [a-z][a-z0-9_]*, systemd sections and settings, rc.subr variable names, launchd keys [A-Za-z0-9_.-]+, compose keys; s6 and sysvinit the keys they read), and values with no character its format cannot hold.","additionalProperties":{"type":"object","additionalProperties":{}}}}};
const schema48 = {"title":"Credentials","description":"Users and groups to create; their uid/gid come from the uids/gids pools when the service asks for them.","type":"object","additionalProperties":false,"properties":{"users":{"type":"object","additionalProperties":{"type":"object","additionalProperties":false,"properties":{"group":{"type":"string","format":"identifier"},"description":{"type":"string"},"homeDir":{"type":"string"},"shell":{"type":"string"}}}},"groups":{"type":"object","additionalProperties":{"type":"object","additionalProperties":false,"properties":{}}}}};
const formats16 = /^[A-Za-z_][A-Za-z0-9_]*$/;
const formats22 = /^0?[0-7]{3}$/;

function validate41(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema44.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema44,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.command !== undefined){
let data0 = data.command;
if(typeof data0 === "string"){
if(func5(data0) < 1){
const err1 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema44.properties.command,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.command.type,parentSchema:schema44.properties.command,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.args !== undefined){
let data1 = data.args;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(((typeof data2 !== "string") && (!((typeof data2 == "number") && (isFinite(data2))))) && (typeof data2 !== "boolean")){
const err3 = {instancePath:instancePath+"/args/" + i0,schemaPath:"#/definitions/scalar/type",keyword:"type",params:{type: schema45.type},message:"must be string,number,boolean",schema:schema45.type,parentSchema:schema45,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath:instancePath+"/args",schemaPath:"#/properties/args/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema44.properties.args.type,parentSchema:schema44.properties.args,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.daemon !== undefined){
let data3 = data.daemon;
if(typeof data3 === "string"){
if(func5(data3) < 1){
const err5 = {instancePath:instancePath+"/daemon",schemaPath:"#/properties/daemon/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema44.properties.daemon,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/daemon",schemaPath:"#/properties/daemon/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.daemon.type,parentSchema:schema44.properties.daemon,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.daemonArgs !== undefined){
let data4 = data.daemonArgs;
if(Array.isArray(data4)){
const len1 = data4.length;
for(let i1=0; i1<len1; i1++){
let data5 = data4[i1];
if(((typeof data5 !== "string") && (!((typeof data5 == "number") && (isFinite(data5))))) && (typeof data5 !== "boolean")){
const err7 = {instancePath:instancePath+"/daemonArgs/" + i1,schemaPath:"#/definitions/scalar/type",keyword:"type",params:{type: schema45.type},message:"must be string,number,boolean",schema:schema45.type,parentSchema:schema45,data:data5};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/daemonArgs",schemaPath:"#/properties/daemonArgs/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema44.properties.daemonArgs.type,parentSchema:schema44.properties.daemonArgs,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.pidFile !== undefined){
let data6 = data.pidFile;
if(typeof data6 === "string"){
if(func5(data6) < 1){
const err9 = {instancePath:instancePath+"/pidFile",schemaPath:"#/properties/pidFile/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema44.properties.pidFile,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/pidFile",schemaPath:"#/properties/pidFile/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.pidFile.type,parentSchema:schema44.properties.pidFile,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.environment !== undefined){
let data7 = data.environment;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key1 in data7){
const _errs20 = errors;
if(typeof key1 === "string"){
if(!(formats16.test(key1))){
const err11 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/propertyNames/format",keyword:"format",params:{format: "envName"},message:"must match format \""+"envName"+"\"",schema:"envName",parentSchema:schema44.properties.environment.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
var valid7 = _errs20 === errors;
if(!valid7){
const err12 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema44.properties.environment.propertyNames,parentSchema:schema44.properties.environment,data:data7};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
for(const key2 in data7){
let data8 = data7[key2];
if(((typeof data8 !== "string") && (!((typeof data8 == "number") && (isFinite(data8))))) && (typeof data8 !== "boolean")){
const err13 = {instancePath:instancePath+"/environment/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/scalar/type",keyword:"type",params:{type: schema45.type},message:"must be string,number,boolean",schema:schema45.type,parentSchema:schema45,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.properties.environment.type,parentSchema:schema44.properties.environment,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.directory !== undefined){
let data9 = data.directory;
if(typeof data9 === "string"){
if(func5(data9) < 1){
const err15 = {instancePath:instancePath+"/directory",schemaPath:"#/properties/directory/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema44.properties.directory,data:data9};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/directory",schemaPath:"#/properties/directory/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.directory.type,parentSchema:schema44.properties.directory,data:data9};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.user !== undefined){
let data10 = data.user;
if(typeof data10 === "string"){
if(!(formats0.test(data10))){
const err17 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema44.properties.user,data:data10};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/user",schemaPath:"#/properties/user/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.user.type,parentSchema:schema44.properties.user,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.group !== undefined){
let data11 = data.group;
if(typeof data11 === "string"){
if(!(formats0.test(data11))){
const err19 = {instancePath:instancePath+"/group",schemaPath:"#/properties/group/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema44.properties.group,data:data11};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/group",schemaPath:"#/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.group.type,parentSchema:schema44.properties.group,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.umask !== undefined){
let data12 = data.umask;
if(typeof data12 === "string"){
if(!(formats22.test(data12))){
const err21 = {instancePath:instancePath+"/umask",schemaPath:"#/properties/umask/format",keyword:"format",params:{format: "umask"},message:"must match format \""+"umask"+"\"",schema:"umask",parentSchema:schema44.properties.umask,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/umask",schemaPath:"#/properties/umask/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.umask.type,parentSchema:schema44.properties.umask,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.nice !== undefined){
let data13 = data.nice;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err23 = {instancePath:instancePath+"/nice",schemaPath:"#/properties/nice/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema44.properties.nice.type,parentSchema:schema44.properties.nice,data:data13};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 > 19 || isNaN(data13)){
const err24 = {instancePath:instancePath+"/nice",schemaPath:"#/properties/nice/maximum",keyword:"maximum",params:{comparison: "<=", limit: 19},message:"must be <= 19",schema:19,parentSchema:schema44.properties.nice,data:data13};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data13 < -20 || isNaN(data13)){
const err25 = {instancePath:instancePath+"/nice",schemaPath:"#/properties/nice/minimum",keyword:"minimum",params:{comparison: ">=", limit: -20},message:"must be >= -20",schema:-20,parentSchema:schema44.properties.nice,data:data13};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
if(data.credentials !== undefined){
let data14 = data.credentials;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
for(const key3 in data14){
if(!((key3 === "users") || (key3 === "groups"))){
const err26 = {instancePath:instancePath+"/credentials",schemaPath:"#/definitions/credentials/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema48,data:data14};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data14.users !== undefined){
let data15 = data14.users;
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
for(const key4 in data15){
let data16 = data15[key4];
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key5 in data16){
if(!((((key5 === "group") || (key5 === "description")) || (key5 === "homeDir")) || (key5 === "shell"))){
const err27 = {instancePath:instancePath+"/credentials/users/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/credentials/properties/users/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema48.properties.users.additionalProperties,data:data16};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data16.group !== undefined){
let data17 = data16.group;
if(typeof data17 === "string"){
if(!(formats0.test(data17))){
const err28 = {instancePath:instancePath+"/credentials/users/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/group",schemaPath:"#/definitions/credentials/properties/users/additionalProperties/properties/group/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema48.properties.users.additionalProperties.properties.group,data:data17};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/credentials/users/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/group",schemaPath:"#/definitions/credentials/properties/users/additionalProperties/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.users.additionalProperties.properties.group.type,parentSchema:schema48.properties.users.additionalProperties.properties.group,data:data17};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data16.description !== undefined){
let data18 = data16.description;
if(typeof data18 !== "string"){
const err30 = {instancePath:instancePath+"/credentials/users/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",schemaPath:"#/definitions/credentials/properties/users/additionalProperties/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.users.additionalProperties.properties.description.type,parentSchema:schema48.properties.users.additionalProperties.properties.description,data:data18};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data16.homeDir !== undefined){
let data19 = data16.homeDir;
if(typeof data19 !== "string"){
const err31 = {instancePath:instancePath+"/credentials/users/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/homeDir",schemaPath:"#/definitions/credentials/properties/users/additionalProperties/properties/homeDir/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.users.additionalProperties.properties.homeDir.type,parentSchema:schema48.properties.users.additionalProperties.properties.homeDir,data:data19};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data16.shell !== undefined){
let data20 = data16.shell;
if(typeof data20 !== "string"){
const err32 = {instancePath:instancePath+"/credentials/users/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/shell",schemaPath:"#/definitions/credentials/properties/users/additionalProperties/properties/shell/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.users.additionalProperties.properties.shell.type,parentSchema:schema48.properties.users.additionalProperties.properties.shell,data:data20};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/credentials/users/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/credentials/properties/users/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.properties.users.additionalProperties.type,parentSchema:schema48.properties.users.additionalProperties,data:data16};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath:instancePath+"/credentials/users",schemaPath:"#/definitions/credentials/properties/users/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.properties.users.type,parentSchema:schema48.properties.users,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data14.groups !== undefined){
let data21 = data14.groups;
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
for(const key6 in data21){
let data22 = data21[key6];
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key7 in data22){
const err35 = {instancePath:instancePath+"/credentials/groups/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/credentials/properties/groups/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema48.properties.groups.additionalProperties,data:data22};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/credentials/groups/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/credentials/properties/groups/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.properties.groups.additionalProperties.type,parentSchema:schema48.properties.groups.additionalProperties,data:data22};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath:instancePath+"/credentials/groups",schemaPath:"#/definitions/credentials/properties/groups/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.properties.groups.type,parentSchema:schema48.properties.groups,data:data21};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
else {
const err38 = {instancePath:instancePath+"/credentials",schemaPath:"#/definitions/credentials/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.type,parentSchema:schema48,data:data14};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.overrides !== undefined){
let data23 = data.overrides;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
for(const key8 in data23){
let data24 = data23[key8];
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
}
else {
const err39 = {instancePath:instancePath+"/overrides/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/overrides/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.properties.overrides.additionalProperties.type,parentSchema:schema44.properties.overrides.additionalProperties,data:data24};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/overrides",schemaPath:"#/properties/overrides/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.properties.overrides.type,parentSchema:schema44.properties.overrides,data:data23};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.type,parentSchema:schema44,data};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
validate41.errors = vErrors;
return errors === 0;
}

const schema53 = {"title":"HealthCheck","description":"How drover decides the service is up: exactly one of tcp, http or command.","type":"object","additionalProperties":false,"properties":{"tcp":{"type":"string","description":"HOST:PORT that must accept a connection."},"http":{"type":"string","description":"URL that must answer with a 2xx or 3xx status."},"command":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/scalar"},"description":"argv that must exit 0."},"timeout":{"type":"string","format":"duration","description":"How long to wait for health (default 10s)."}}};
const formats36 = /^\d+(ms|s|m)$/;

function validate43(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((key0 === "tcp") || (key0 === "http")) || (key0 === "command")) || (key0 === "timeout"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema53,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.tcp !== undefined){
let data0 = data.tcp;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/tcp",schemaPath:"#/properties/tcp/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.properties.tcp.type,parentSchema:schema53.properties.tcp,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.http !== undefined){
let data1 = data.http;
if(typeof data1 !== "string"){
const err2 = {instancePath:instancePath+"/http",schemaPath:"#/properties/http/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.properties.http.type,parentSchema:schema53.properties.http,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.command !== undefined){
let data2 = data.command;
if(Array.isArray(data2)){
if(data2.length < 1){
const err3 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema53.properties.command,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(((typeof data3 !== "string") && (!((typeof data3 == "number") && (isFinite(data3))))) && (typeof data3 !== "boolean")){
const err4 = {instancePath:instancePath+"/command/" + i0,schemaPath:"#/definitions/scalar/type",keyword:"type",params:{type: schema45.type},message:"must be string,number,boolean",schema:schema45.type,parentSchema:schema45,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema53.properties.command.type,parentSchema:schema53.properties.command,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.timeout !== undefined){
let data4 = data.timeout;
if(typeof data4 === "string"){
if(!(formats36.test(data4))){
const err6 = {instancePath:instancePath+"/timeout",schemaPath:"#/properties/timeout/format",keyword:"format",params:{format: "duration"},message:"must match format \""+"duration"+"\"",schema:"duration",parentSchema:schema53.properties.timeout,data:data4};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/timeout",schemaPath:"#/properties/timeout/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema53.properties.timeout.type,parentSchema:schema53.properties.timeout,data:data4};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema53.type,parentSchema:schema53,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
validate43.errors = vErrors;
return errors === 0;
}

const wrapper0 = {validate: validate40};

function validate40(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema43.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.description !== undefined){
let data0 = data.description;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.description.type,parentSchema:schema43.properties.description,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.type !== undefined){
let data1 = data.type;
if(typeof data1 === "string"){
if(!(formats0.test(data1))){
const err2 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema43.properties.type,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.type.type,parentSchema:schema43.properties.type,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.package !== undefined){
let data2 = data.package;
if(typeof data2 === "string"){
if(func5(data2) < 1){
const err4 = {instancePath:instancePath+"/package",schemaPath:"#/properties/package/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.package,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/package",schemaPath:"#/properties/package/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.package.type,parentSchema:schema43.properties.package,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.process !== undefined){
if(!(validate41(data.process, {instancePath:instancePath+"/process",parentData:data,parentDataProperty:"process",rootData}))){
vErrors = vErrors === null ? validate41.errors : vErrors.concat(validate41.errors);
errors = vErrors.length;
}
}
if(data.files !== undefined){
let data4 = data.files;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key1 in data4){
let data5 = data4[key1];
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
for(const key2 in data5){
if(!(((key2 === "template") || (key2 === "content")) || (key2 === "mode"))){
const err6 = {instancePath:instancePath+"/files/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/file/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema49,data:data5};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data5.template !== undefined){
let data6 = data5.template;
if(typeof data6 === "string"){
if(func5(data6) < 1){
const err7 = {instancePath:instancePath+"/files/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/template",schemaPath:"#/definitions/file/properties/template/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema49.properties.template,data:data6};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/files/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/template",schemaPath:"#/definitions/file/properties/template/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema49.properties.template.type,parentSchema:schema49.properties.template,data:data6};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data5.content !== undefined){
let data7 = data5.content;
if(typeof data7 !== "string"){
const err9 = {instancePath:instancePath+"/files/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/content",schemaPath:"#/definitions/file/properties/content/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema49.properties.content.type,parentSchema:schema49.properties.content,data:data7};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data5.mode !== undefined){
let data8 = data5.mode;
if(typeof data8 === "string"){
if(!(formats26.test(data8))){
const err10 = {instancePath:instancePath+"/files/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/mode",schemaPath:"#/definitions/file/properties/mode/format",keyword:"format",params:{format: "fileMode"},message:"must match format \""+"fileMode"+"\"",schema:"fileMode",parentSchema:schema49.properties.mode,data:data8};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/files/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/mode",schemaPath:"#/definitions/file/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema49.properties.mode.type,parentSchema:schema49.properties.mode,data:data8};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath:instancePath+"/files/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/file/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema49.type,parentSchema:schema49,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/files",schemaPath:"#/properties/files/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.files.type,parentSchema:schema43.properties.files,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.dependsOn !== undefined){
let data9 = data.dependsOn;
if(Array.isArray(data9)){
const len0 = data9.length;
for(let i0=0; i0<len0; i0++){
let data10 = data9[i0];
if(typeof data10 === "string"){
if(!(formats0.test(data10))){
const err14 = {instancePath:instancePath+"/dependsOn/" + i0,schemaPath:"#/definitions/serviceNames/items/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema50.items,data:data10};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/dependsOn/" + i0,schemaPath:"#/definitions/serviceNames/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema50.items.type,parentSchema:schema50.items,data:data10};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let i1 = data9.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data9[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err16 = {instancePath:instancePath+"/dependsOn",schemaPath:"#/definitions/serviceNames/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema50,data:data9};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err17 = {instancePath:instancePath+"/dependsOn",schemaPath:"#/definitions/serviceNames/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema50.type,parentSchema:schema50,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.connectsTo !== undefined){
let data11 = data.connectsTo;
if(Array.isArray(data11)){
const len1 = data11.length;
for(let i2=0; i2<len1; i2++){
let data12 = data11[i2];
if(typeof data12 === "string"){
if(!(formats0.test(data12))){
const err18 = {instancePath:instancePath+"/connectsTo/" + i2,schemaPath:"#/definitions/serviceNames/items/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema50.items,data:data12};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/connectsTo/" + i2,schemaPath:"#/definitions/serviceNames/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema50.items.type,parentSchema:schema50.items,data:data12};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
let i3 = data11.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data11[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err20 = {instancePath:instancePath+"/connectsTo",schemaPath:"#/definitions/serviceNames/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema50,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err21 = {instancePath:instancePath+"/connectsTo",schemaPath:"#/definitions/serviceNames/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema50.type,parentSchema:schema50,data:data11};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.activatesAfter !== undefined){
let data13 = data.activatesAfter;
if(Array.isArray(data13)){
const len2 = data13.length;
for(let i4=0; i4<len2; i4++){
let data14 = data13[i4];
if(typeof data14 === "string"){
if(!(formats0.test(data14))){
const err22 = {instancePath:instancePath+"/activatesAfter/" + i4,schemaPath:"#/definitions/serviceNames/items/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema50.items,data:data14};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/activatesAfter/" + i4,schemaPath:"#/definitions/serviceNames/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema50.items.type,parentSchema:schema50.items,data:data14};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
let i5 = data13.length;
let j2;
if(i5 > 1){
const indices2 = {};
for(;i5--;){
let item2 = data13[i5];
if(typeof item2 !== "string"){
continue;
}
if(typeof indices2[item2] == "number"){
j2 = indices2[item2];
const err24 = {instancePath:instancePath+"/activatesAfter",schemaPath:"#/definitions/serviceNames/uniqueItems",keyword:"uniqueItems",params:{i: i5, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i5+" are identical)",schema:true,parentSchema:schema50,data:data13};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
break;
}
indices2[item2] = i5;
}
}
}
else {
const err25 = {instancePath:instancePath+"/activatesAfter",schemaPath:"#/definitions/serviceNames/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema50.type,parentSchema:schema50,data:data13};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.requiresUniqueIdsFor !== undefined){
let data15 = data.requiresUniqueIdsFor;
if(Array.isArray(data15)){
const len3 = data15.length;
for(let i6=0; i6<len3; i6++){
let data16 = data15[i6];
if(typeof data16 === "string"){
if(!(formats0.test(data16))){
const err26 = {instancePath:instancePath+"/requiresUniqueIdsFor/" + i6,schemaPath:"#/properties/requiresUniqueIdsFor/items/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema43.properties.requiresUniqueIdsFor.items,data:data16};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/requiresUniqueIdsFor/" + i6,schemaPath:"#/properties/requiresUniqueIdsFor/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.requiresUniqueIdsFor.items.type,parentSchema:schema43.properties.requiresUniqueIdsFor.items,data:data16};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
let i7 = data15.length;
let j3;
if(i7 > 1){
const indices3 = {};
for(;i7--;){
let item3 = data15[i7];
if(typeof item3 !== "string"){
continue;
}
if(typeof indices3[item3] == "number"){
j3 = indices3[item3];
const err28 = {instancePath:instancePath+"/requiresUniqueIdsFor",schemaPath:"#/properties/requiresUniqueIdsFor/uniqueItems",keyword:"uniqueItems",params:{i: i7, j: j3},message:"must NOT have duplicate items (items ## "+j3+" and "+i7+" are identical)",schema:true,parentSchema:schema43.properties.requiresUniqueIdsFor,data:data15};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
break;
}
indices3[item3] = i7;
}
}
}
else {
const err29 = {instancePath:instancePath+"/requiresUniqueIdsFor",schemaPath:"#/properties/requiresUniqueIdsFor/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema43.properties.requiresUniqueIdsFor.type,parentSchema:schema43.properties.requiresUniqueIdsFor,data:data15};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.healthCheck !== undefined){
if(!(validate43(data.healthCheck, {instancePath:instancePath+"/healthCheck",parentData:data,parentDataProperty:"healthCheck",rootData}))){
vErrors = vErrors === null ? validate43.errors : vErrors.concat(validate43.errors);
errors = vErrors.length;
}
}
if(data.replicas !== undefined){
let data18 = data.replicas;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err30 = {instancePath:instancePath+"/replicas",schemaPath:"#/properties/replicas/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.replicas.type,parentSchema:schema43.properties.replicas,data:data18};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 > 10000 || isNaN(data18)){
const err31 = {instancePath:instancePath+"/replicas",schemaPath:"#/properties/replicas/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10000},message:"must be <= 10000",schema:10000,parentSchema:schema43.properties.replicas,data:data18};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data18 < 1 || isNaN(data18)){
const err32 = {instancePath:instancePath+"/replicas",schemaPath:"#/properties/replicas/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema43.properties.replicas,data:data18};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
if(data.resources !== undefined){
let data19 = data.resources;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
for(const key3 in data19){
if(!((key3 === "cpu") || (key3 === "memory"))){
const err33 = {instancePath:instancePath+"/resources",schemaPath:"#/properties/resources/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.resources,data:data19};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data19.cpu !== undefined){
let data20 = data19.cpu;
const _errs49 = errors;
let valid21 = false;
let passing0 = null;
const _errs50 = errors;
if((typeof data20 == "number") && (isFinite(data20))){
if(data20 > 100000 || isNaN(data20)){
const err34 = {instancePath:instancePath+"/resources/cpu",schemaPath:"#/definitions/cpu/oneOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema55.oneOf[0],data:data20};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(data20 <= 0 || isNaN(data20)){
const err35 = {instancePath:instancePath+"/resources/cpu",schemaPath:"#/definitions/cpu/oneOf/0/exclusiveMinimum",keyword:"exclusiveMinimum",params:{comparison: ">", limit: 0},message:"must be > 0",schema:0,parentSchema:schema55.oneOf[0],data:data20};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/resources/cpu",schemaPath:"#/definitions/cpu/oneOf/0/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema55.oneOf[0].type,parentSchema:schema55.oneOf[0],data:data20};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
var _valid0 = _errs50 === errors;
if(_valid0){
valid21 = true;
passing0 = 0;
}
const _errs52 = errors;
if(typeof data20 === "string"){
if(!pattern0.test(data20)){
const err37 = {instancePath:instancePath+"/resources/cpu",schemaPath:"#/definitions/cpu/oneOf/1/pattern",keyword:"pattern",params:{pattern: "^[0-9]{1,9}m$"},message:"must match pattern \""+"^[0-9]{1,9}m$"+"\"",schema:"^[0-9]{1,9}m$",parentSchema:schema55.oneOf[1],data:data20};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/resources/cpu",schemaPath:"#/definitions/cpu/oneOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.oneOf[1].type,parentSchema:schema55.oneOf[1],data:data20};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
var _valid0 = _errs52 === errors;
if(_valid0 && valid21){
valid21 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid21 = true;
passing0 = 1;
}
}
if(!valid21){
const err39 = {instancePath:instancePath+"/resources/cpu",schemaPath:"#/definitions/cpu/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema55.oneOf,parentSchema:schema55,data:data20};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
else {
errors = _errs49;
if(vErrors !== null){
if(_errs49){
vErrors.length = _errs49;
}
else {
vErrors = null;
}
}
}
}
if(data19.memory !== undefined){
let data21 = data19.memory;
const _errs56 = errors;
let valid23 = false;
let passing1 = null;
const _errs57 = errors;
if(!(((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21))) && (isFinite(data21)))){
const err40 = {instancePath:instancePath+"/resources/memory",schemaPath:"#/definitions/memory/oneOf/0/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema56.oneOf[0].type,parentSchema:schema56.oneOf[0],data:data21};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if((typeof data21 == "number") && (isFinite(data21))){
if(data21 > 9007199254740991 || isNaN(data21)){
const err41 = {instancePath:instancePath+"/resources/memory",schemaPath:"#/definitions/memory/oneOf/0/maximum",keyword:"maximum",params:{comparison: "<=", limit: 9007199254740991},message:"must be <= 9007199254740991",schema:9007199254740991,parentSchema:schema56.oneOf[0],data:data21};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(data21 < 0 || isNaN(data21)){
const err42 = {instancePath:instancePath+"/resources/memory",schemaPath:"#/definitions/memory/oneOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema56.oneOf[0],data:data21};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
var _valid1 = _errs57 === errors;
if(_valid1){
valid23 = true;
passing1 = 0;
}
const _errs59 = errors;
if(typeof data21 === "string"){
if(!pattern1.test(data21)){
const err43 = {instancePath:instancePath+"/resources/memory",schemaPath:"#/definitions/memory/oneOf/1/pattern",keyword:"pattern",params:{pattern: "^[0-9]{1,15}(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"},message:"must match pattern \""+"^[0-9]{1,15}(Ki|Mi|Gi|Ti|k|K|M|G|T)?$"+"\"",schema:"^[0-9]{1,15}(Ki|Mi|Gi|Ti|k|K|M|G|T)?$",parentSchema:schema56.oneOf[1],data:data21};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
else {
const err44 = {instancePath:instancePath+"/resources/memory",schemaPath:"#/definitions/memory/oneOf/1/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema56.oneOf[1].type,parentSchema:schema56.oneOf[1],data:data21};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
var _valid1 = _errs59 === errors;
if(_valid1 && valid23){
valid23 = false;
passing1 = [passing1, 1];
}
else {
if(_valid1){
valid23 = true;
passing1 = 1;
}
}
if(!valid23){
const err45 = {instancePath:instancePath+"/resources/memory",schemaPath:"#/definitions/memory/oneOf",keyword:"oneOf",params:{passingSchemas: passing1},message:"must match exactly one schema in oneOf",schema:schema56.oneOf,parentSchema:schema56,data:data21};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
else {
errors = _errs56;
if(vErrors !== null){
if(_errs56){
vErrors.length = _errs56;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err46 = {instancePath:instancePath+"/resources",schemaPath:"#/properties/resources/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.resources.type,parentSchema:schema43.properties.resources,data:data19};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data.placement !== undefined){
let data22 = data.placement;
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key4 in data22){
if(!(((key4 === "constraints") || (key4 === "spread")) || (key4 === "everywhere"))){
const err47 = {instancePath:instancePath+"/placement",schemaPath:"#/properties/placement/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.placement,data:data22};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data22.constraints !== undefined){
let data23 = data22.constraints;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
for(const key5 in data23){
let data24 = data23[key5];
const _errs68 = errors;
let valid26 = false;
let passing2 = null;
const _errs69 = errors;
if(((typeof data24 !== "string") && (!((typeof data24 == "number") && (isFinite(data24))))) && (typeof data24 !== "boolean")){
const err48 = {instancePath:instancePath+"/placement/constraints/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/scalar/type",keyword:"type",params:{type: schema45.type},message:"must be string,number,boolean",schema:schema45.type,parentSchema:schema45,data:data24};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
var _valid2 = _errs69 === errors;
if(_valid2){
valid26 = true;
passing2 = 0;
}
const _errs72 = errors;
if(Array.isArray(data24)){
if(data24.length < 1){
const err49 = {instancePath:instancePath+"/placement/constraints/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/placement/properties/constraints/additionalProperties/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema43.properties.placement.properties.constraints.additionalProperties.oneOf[1],data:data24};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
const len4 = data24.length;
for(let i8=0; i8<len4; i8++){
let data25 = data24[i8];
if(((typeof data25 !== "string") && (!((typeof data25 == "number") && (isFinite(data25))))) && (typeof data25 !== "boolean")){
const err50 = {instancePath:instancePath+"/placement/constraints/" + key5.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i8,schemaPath:"#/definitions/scalar/type",keyword:"type",params:{type: schema45.type},message:"must be string,number,boolean",schema:schema45.type,parentSchema:schema45,data:data25};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
else {
const err51 = {instancePath:instancePath+"/placement/constraints/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/placement/properties/constraints/additionalProperties/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema43.properties.placement.properties.constraints.additionalProperties.oneOf[1].type,parentSchema:schema43.properties.placement.properties.constraints.additionalProperties.oneOf[1],data:data24};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
var _valid2 = _errs72 === errors;
if(_valid2 && valid26){
valid26 = false;
passing2 = [passing2, 1];
}
else {
if(_valid2){
valid26 = true;
passing2 = 1;
}
}
if(!valid26){
const err52 = {instancePath:instancePath+"/placement/constraints/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/placement/properties/constraints/additionalProperties/oneOf",keyword:"oneOf",params:{passingSchemas: passing2},message:"must match exactly one schema in oneOf",schema:schema43.properties.placement.properties.constraints.additionalProperties.oneOf,parentSchema:schema43.properties.placement.properties.constraints.additionalProperties,data:data24};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
else {
errors = _errs68;
if(vErrors !== null){
if(_errs68){
vErrors.length = _errs68;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err53 = {instancePath:instancePath+"/placement/constraints",schemaPath:"#/properties/placement/properties/constraints/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.placement.properties.constraints.type,parentSchema:schema43.properties.placement.properties.constraints,data:data23};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data22.spread !== undefined){
let data26 = data22.spread;
if(typeof data26 === "string"){
if(func5(data26) < 1){
const err54 = {instancePath:instancePath+"/placement/spread",schemaPath:"#/properties/placement/properties/spread/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema43.properties.placement.properties.spread,data:data26};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
else {
const err55 = {instancePath:instancePath+"/placement/spread",schemaPath:"#/properties/placement/properties/spread/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.placement.properties.spread.type,parentSchema:schema43.properties.placement.properties.spread,data:data26};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data22.everywhere !== undefined){
let data27 = data22.everywhere;
if(typeof data27 !== "boolean"){
const err56 = {instancePath:instancePath+"/placement/everywhere",schemaPath:"#/properties/placement/properties/everywhere/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.placement.properties.everywhere.type,parentSchema:schema43.properties.placement.properties.everywhere,data:data27};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
}
else {
const err57 = {instancePath:instancePath+"/placement",schemaPath:"#/properties/placement/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.placement.type,parentSchema:schema43.properties.placement,data:data22};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data.update !== undefined){
let data28 = data.update;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
for(const key6 in data28){
if(!((key6 === "maxUnavailable") || (key6 === "maxSurge"))){
const err58 = {instancePath:instancePath+"/update",schemaPath:"#/properties/update/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.update,data:data28};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data28.maxUnavailable !== undefined){
let data29 = data28.maxUnavailable;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
const err59 = {instancePath:instancePath+"/update/maxUnavailable",schemaPath:"#/properties/update/properties/maxUnavailable/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.update.properties.maxUnavailable.type,parentSchema:schema43.properties.update.properties.maxUnavailable,data:data29};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 < 1 || isNaN(data29)){
const err60 = {instancePath:instancePath+"/update/maxUnavailable",schemaPath:"#/properties/update/properties/maxUnavailable/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema43.properties.update.properties.maxUnavailable,data:data29};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
}
if(data28.maxSurge !== undefined){
let data30 = data28.maxSurge;
if(!(((typeof data30 == "number") && (!(data30 % 1) && !isNaN(data30))) && (isFinite(data30)))){
const err61 = {instancePath:instancePath+"/update/maxSurge",schemaPath:"#/properties/update/properties/maxSurge/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.update.properties.maxSurge.type,parentSchema:schema43.properties.update.properties.maxSurge,data:data30};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if((typeof data30 == "number") && (isFinite(data30))){
if(data30 > 1 || isNaN(data30)){
const err62 = {instancePath:instancePath+"/update/maxSurge",schemaPath:"#/properties/update/properties/maxSurge/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1",schema:1,parentSchema:schema43.properties.update.properties.maxSurge,data:data30};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(data30 < 0 || isNaN(data30)){
const err63 = {instancePath:instancePath+"/update/maxSurge",schemaPath:"#/properties/update/properties/maxSurge/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema43.properties.update.properties.maxSurge,data:data30};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
}
else {
const err64 = {instancePath:instancePath+"/update",schemaPath:"#/properties/update/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.update.type,parentSchema:schema43.properties.update,data:data28};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data.exclusive !== undefined){
let data31 = data.exclusive;
if(typeof data31 !== "boolean"){
const err65 = {instancePath:instancePath+"/exclusive",schemaPath:"#/properties/exclusive/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.exclusive.type,parentSchema:schema43.properties.exclusive,data:data31};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data.deployState !== undefined){
let data32 = data.deployState;
if(typeof data32 !== "boolean"){
const err66 = {instancePath:instancePath+"/deployState",schemaPath:"#/properties/deployState/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.deployState.type,parentSchema:schema43.properties.deployState,data:data32};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data.state !== undefined){
let data33 = data.state;
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
for(const key7 in data33){
if(!(key7 === "onLoss")){
const err67 = {instancePath:instancePath+"/state",schemaPath:"#/properties/state/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.state,data:data33};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data33.onLoss !== undefined){
let data34 = data33.onLoss;
if(!((data34 === "refuse") || (data34 === "empty"))){
const err68 = {instancePath:instancePath+"/state/onLoss",schemaPath:"#/properties/state/properties/onLoss/enum",keyword:"enum",params:{allowedValues: schema43.properties.state.properties.onLoss.enum},message:"must be equal to one of the allowed values",schema:schema43.properties.state.properties.onLoss.enum,parentSchema:schema43.properties.state.properties.onLoss,data:data34};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
}
else {
const err69 = {instancePath:instancePath+"/state",schemaPath:"#/properties/state/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.state.type,parentSchema:schema43.properties.state,data:data33};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
if(data.provides !== undefined){
let data35 = data.provides;
if(data35 && typeof data35 == "object" && !Array.isArray(data35)){
for(const key8 in data35){
if(!(key8 === "containers")){
const err70 = {instancePath:instancePath+"/provides",schemaPath:"#/properties/provides/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.provides,data:data35};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data35.containers !== undefined){
let data36 = data35.containers;
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
for(const key9 in data36){
const _errs101 = errors;
if(typeof key9 === "string"){
if(!(formats0.test(key9))){
const err71 = {instancePath:instancePath+"/provides/containers",schemaPath:"#/properties/provides/properties/containers/propertyNames/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema43.properties.provides.properties.containers.propertyNames,data:key9,propertyName:key9};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
var valid34 = _errs101 === errors;
if(!valid34){
const err72 = {instancePath:instancePath+"/provides/containers",schemaPath:"#/properties/provides/properties/containers/propertyNames",keyword:"propertyNames",params:{propertyName: key9},message:"property name must be valid",schema:schema43.properties.provides.properties.containers.propertyNames,parentSchema:schema43.properties.provides.properties.containers,data:data36};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
for(const key10 in data36){
let data37 = data36[key10];
if(data37 && typeof data37 == "object" && !Array.isArray(data37)){
for(const key11 in data37){
let data38 = data37[key11];
if(((typeof data38 !== "string") && (!((typeof data38 == "number") && (isFinite(data38))))) && (typeof data38 !== "boolean")){
const err73 = {instancePath:instancePath+"/provides/containers/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/scalar/type",keyword:"type",params:{type: schema45.type},message:"must be string,number,boolean",schema:schema45.type,parentSchema:schema45,data:data38};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
}
else {
const err74 = {instancePath:instancePath+"/provides/containers/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/provides/properties/containers/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.provides.properties.containers.additionalProperties.type,parentSchema:schema43.properties.provides.properties.containers.additionalProperties,data:data37};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
else {
const err75 = {instancePath:instancePath+"/provides/containers",schemaPath:"#/properties/provides/properties/containers/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.provides.properties.containers.type,parentSchema:schema43.properties.provides.properties.containers,data:data36};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
}
else {
const err76 = {instancePath:instancePath+"/provides",schemaPath:"#/properties/provides/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.provides.type,parentSchema:schema43.properties.provides,data:data35};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(data.instances !== undefined){
let data39 = data.instances;
if(data39 && typeof data39 == "object" && !Array.isArray(data39)){
for(const key12 in data39){
const _errs111 = errors;
if(typeof key12 === "string"){
if(!(formats0.test(key12))){
const err77 = {instancePath:instancePath+"/instances",schemaPath:"#/properties/instances/propertyNames/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema43.properties.instances.propertyNames,data:key12,propertyName:key12};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
var valid38 = _errs111 === errors;
if(!valid38){
const err78 = {instancePath:instancePath+"/instances",schemaPath:"#/properties/instances/propertyNames",keyword:"propertyNames",params:{propertyName: key12},message:"property name must be valid",schema:schema43.properties.instances.propertyNames,parentSchema:schema43.properties.instances,data:data39};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
for(const key13 in data39){
if(!(wrapper0.validate(data39[key13], {instancePath:instancePath+"/instances/" + key13.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data39,parentDataProperty:key13,rootData}))){
vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
errors = vErrors.length;
}
}
}
else {
const err79 = {instancePath:instancePath+"/instances",schemaPath:"#/properties/instances/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.instances.type,parentSchema:schema43.properties.instances,data:data39};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data.attributes !== undefined){
let data41 = data.attributes;
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
for(const key14 in data41){
const _errs116 = errors;
if(typeof key14 === "string"){
if(!(formats0.test(key14))){
const err80 = {instancePath:instancePath+"/attributes",schemaPath:"#/properties/attributes/propertyNames/format",keyword:"format",params:{format: "identifier"},message:"must match format \""+"identifier"+"\"",schema:"identifier",parentSchema:schema43.properties.attributes.propertyNames,data:key14,propertyName:key14};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
var valid40 = _errs116 === errors;
if(!valid40){
const err81 = {instancePath:instancePath+"/attributes",schemaPath:"#/properties/attributes/propertyNames",keyword:"propertyNames",params:{propertyName: key14},message:"property name must be valid",schema:schema43.properties.attributes.propertyNames,parentSchema:schema43.properties.attributes,data:data41};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
for(const key15 in data41){
let data42 = data41[key15];
if(((typeof data42 !== "string") && (!((typeof data42 == "number") && (isFinite(data42))))) && (typeof data42 !== "boolean")){
const err82 = {instancePath:instancePath+"/attributes/" + key15.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/scalar/type",keyword:"type",params:{type: schema45.type},message:"must be string,number,boolean",schema:schema45.type,parentSchema:schema45,data:data42};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
}
else {
const err83 = {instancePath:instancePath+"/attributes",schemaPath:"#/properties/attributes/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.attributes.type,parentSchema:schema43.properties.attributes,data:data41};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
}
else {
const err84 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.type,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
validate40.errors = vErrors;
return errors === 0;
}


function validate39(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://drover.dev/schema/services.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.services === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "services"},message:"must have required property '"+"services"+"'",schema:schema42.required,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(key0 === "services")){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.services !== undefined){
let data0 = data.services;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
if(!(validate40(data0[key1], {instancePath:instancePath+"/services/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data0,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath:instancePath+"/services",schemaPath:"#/properties/services/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.properties.services.type,parentSchema:schema42.properties.services,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
else {
const err3 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.type,parentSchema:schema42,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate39.errors = vErrors;
return errors === 0;
}

export const status = validate46;
const schema61 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://drover.dev/schema/status.schema.json","title":"StatusFile","description":"status.json: what is deployed where, and how the last deployment went. Written by drover apply; read by drover plan --deployed.","type":"object","required":["targets"],"properties":{"version":{"const":1,"description":"The format of this file; drover refuses a version it does not know."},"outcome":{"enum":["deployed","unchanged","failed","incomplete","invalid"],"description":"deployed: every target runs the new configuration and passed its health checks; unchanged: nothing to do; failed: rolled back to what ran before; incomplete: the rollback failed too (see rollbackFailures). invalid: the commit's models are invalid, nothing was deployed (see errors)."},"time":{"type":"string","description":"When the deployment ended (ISO 8601)."},"lastAppliedCommit":{"type":"string","description":"The last commit deployed successfully."},"lastAttemptedCommit":{"type":"string","description":"The commit of the last deployment, successful or not."},"conditions":{"type":"array","description":"The controller's conditions (Ready, Reconciling, Stalled, Failed; and once its probes ran, Unreachable, Drifted and Degraded), as Kubernetes-style status conditions.","items":{"$ref":"#/definitions/condition"}},"errors":{"type":"array","description":"Why the last attempted commit is invalid: FILE:LINE:COL: message lines.","items":{"type":"string"}},"error":{"$ref":"#/definitions/failure"},"rollbackFailures":{"type":"array","items":{"$ref":"#/definitions/failure"}},"targets":{"type":"object","description":"Per target: its current generation and the units deployed on it.","additionalProperties":{"title":"TargetStatus","type":"object","required":["generation","units"],"properties":{"generation":{"type":"integer","minimum":0},"unknown":{"type":"string","description":"Why the target's state is not known for sure."},"units":{"type":"array","items":{"title":"DeployedUnitStatus","type":"object","required":["service","container","hash","specHash","dependsOn"],"properties":{"service":{"type":"string"},"container":{"type":"string"},"hash":{"type":"string","description":"Everything on the target for the unit plus its dependencies' hashes."},"specHash":{"type":"string","description":"The unit's own content, without its dependencies."},"dependsOn":{"type":"array","description":"Services this unit was ordered after (dependsOn and activatesAfter).","items":{"type":"string"}}}}}}}},"observed":{"type":"object","description":"What the controller's probes see, by target, as of its last commit of it: written when a target becomes Unreachable or Reachable, or when what drifted or is Degraded changes, at most once a minute.","additionalProperties":{"title":"ObservedTargetStatus","type":"object","required":["reachable","since"],"additionalProperties":false,"properties":{"reachable":{"type":["boolean","null"],"description":"Whether it answers its probes; null before the first probe ended."},"since":{"type":"string","description":"When reachable last changed (ISO 8601)."},"notRunning":{"type":"array","items":{"type":"string"},"description":"Units (service@target/container) its manifest says run but its managers do not."},"managersDown":{"type":"array","items":{"type":"string"},"description":"drover's own managers that are down."},"otherGeneration":{"type":"boolean","description":"Its current generation is not what the controller deployed."},"degraded":{"type":"array","items":{"type":"string"},"description":"Units the controller gave up healing (they kept stopping), until their spec changes or drover retry."}}}},"observedGeneration":{"type":"integer","minimum":0,"description":"How many commits drover has attempted on this branch: it grows by one with every commit whose outcome is recorded here."}},"definitions":{"failure":{"title":"Failure","type":"object","required":["message"],"properties":{"message":{"type":"string"},"target":{"type":"string"},"unit":{"type":"string"},"output":{"type":"array","items":{"type":"string"},"description":"The last lines the failing command printed."}}},"condition":{"title":"Condition","type":"object","required":["type","status","reason","message","lastTransitionTime"],"properties":{"type":{"enum":["Ready","Reconciling","Stalled","Failed","Unreachable","Drifted","Degraded"]},"status":{"enum":["True","False","Unknown"]},"reason":{"type":"string"},"message":{"type":"string"},"lastTransitionTime":{"type":"string","description":"When status last changed (not when the condition was last written)."},"observedGeneration":{"type":"integer","minimum":0,"description":"The observedGeneration this condition was set at."}}}}};
const schema62 = {"title":"Condition","type":"object","required":["type","status","reason","message","lastTransitionTime"],"properties":{"type":{"enum":["Ready","Reconciling","Stalled","Failed","Unreachable","Drifted","Degraded"]},"status":{"enum":["True","False","Unknown"]},"reason":{"type":"string"},"message":{"type":"string"},"lastTransitionTime":{"type":"string","description":"When status last changed (not when the condition was last written)."},"observedGeneration":{"type":"integer","minimum":0,"description":"The observedGeneration this condition was set at."}}};
const schema63 = {"title":"Failure","type":"object","required":["message"],"properties":{"message":{"type":"string"},"target":{"type":"string"},"unit":{"type":"string"},"output":{"type":"array","items":{"type":"string"},"description":"The last lines the failing command printed."}}};

function validate46(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://drover.dev/schema/status.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.targets === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "targets"},message:"must have required property '"+"targets"+"'",schema:schema61.required,parentSchema:schema61,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.version !== undefined){
let data0 = data.version;
if(1 !== data0){
const err1 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema61.properties.version,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.outcome !== undefined){
let data1 = data.outcome;
if(!(((((data1 === "deployed") || (data1 === "unchanged")) || (data1 === "failed")) || (data1 === "incomplete")) || (data1 === "invalid"))){
const err2 = {instancePath:instancePath+"/outcome",schemaPath:"#/properties/outcome/enum",keyword:"enum",params:{allowedValues: schema61.properties.outcome.enum},message:"must be equal to one of the allowed values",schema:schema61.properties.outcome.enum,parentSchema:schema61.properties.outcome,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.time !== undefined){
let data2 = data.time;
if(typeof data2 !== "string"){
const err3 = {instancePath:instancePath+"/time",schemaPath:"#/properties/time/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.time.type,parentSchema:schema61.properties.time,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.lastAppliedCommit !== undefined){
let data3 = data.lastAppliedCommit;
if(typeof data3 !== "string"){
const err4 = {instancePath:instancePath+"/lastAppliedCommit",schemaPath:"#/properties/lastAppliedCommit/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.lastAppliedCommit.type,parentSchema:schema61.properties.lastAppliedCommit,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.lastAttemptedCommit !== undefined){
let data4 = data.lastAttemptedCommit;
if(typeof data4 !== "string"){
const err5 = {instancePath:instancePath+"/lastAttemptedCommit",schemaPath:"#/properties/lastAttemptedCommit/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.lastAttemptedCommit.type,parentSchema:schema61.properties.lastAttemptedCommit,data:data4};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.conditions !== undefined){
let data5 = data.conditions;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.type === undefined){
const err6 = {instancePath:instancePath+"/conditions/" + i0,schemaPath:"#/definitions/condition/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema62.required,parentSchema:schema62,data:data6};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data6.status === undefined){
const err7 = {instancePath:instancePath+"/conditions/" + i0,schemaPath:"#/definitions/condition/required",keyword:"required",params:{missingProperty: "status"},message:"must have required property '"+"status"+"'",schema:schema62.required,parentSchema:schema62,data:data6};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data6.reason === undefined){
const err8 = {instancePath:instancePath+"/conditions/" + i0,schemaPath:"#/definitions/condition/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'",schema:schema62.required,parentSchema:schema62,data:data6};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data6.message === undefined){
const err9 = {instancePath:instancePath+"/conditions/" + i0,schemaPath:"#/definitions/condition/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'",schema:schema62.required,parentSchema:schema62,data:data6};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data6.lastTransitionTime === undefined){
const err10 = {instancePath:instancePath+"/conditions/" + i0,schemaPath:"#/definitions/condition/required",keyword:"required",params:{missingProperty: "lastTransitionTime"},message:"must have required property '"+"lastTransitionTime"+"'",schema:schema62.required,parentSchema:schema62,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data6.type !== undefined){
let data7 = data6.type;
if(!(((((((data7 === "Ready") || (data7 === "Reconciling")) || (data7 === "Stalled")) || (data7 === "Failed")) || (data7 === "Unreachable")) || (data7 === "Drifted")) || (data7 === "Degraded"))){
const err11 = {instancePath:instancePath+"/conditions/" + i0+"/type",schemaPath:"#/definitions/condition/properties/type/enum",keyword:"enum",params:{allowedValues: schema62.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema62.properties.type.enum,parentSchema:schema62.properties.type,data:data7};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data6.status !== undefined){
let data8 = data6.status;
if(!(((data8 === "True") || (data8 === "False")) || (data8 === "Unknown"))){
const err12 = {instancePath:instancePath+"/conditions/" + i0+"/status",schemaPath:"#/definitions/condition/properties/status/enum",keyword:"enum",params:{allowedValues: schema62.properties.status.enum},message:"must be equal to one of the allowed values",schema:schema62.properties.status.enum,parentSchema:schema62.properties.status,data:data8};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data6.reason !== undefined){
let data9 = data6.reason;
if(typeof data9 !== "string"){
const err13 = {instancePath:instancePath+"/conditions/" + i0+"/reason",schemaPath:"#/definitions/condition/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.reason.type,parentSchema:schema62.properties.reason,data:data9};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data6.message !== undefined){
let data10 = data6.message;
if(typeof data10 !== "string"){
const err14 = {instancePath:instancePath+"/conditions/" + i0+"/message",schemaPath:"#/definitions/condition/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.message.type,parentSchema:schema62.properties.message,data:data10};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data6.lastTransitionTime !== undefined){
let data11 = data6.lastTransitionTime;
if(typeof data11 !== "string"){
const err15 = {instancePath:instancePath+"/conditions/" + i0+"/lastTransitionTime",schemaPath:"#/definitions/condition/properties/lastTransitionTime/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.lastTransitionTime.type,parentSchema:schema62.properties.lastTransitionTime,data:data11};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data6.observedGeneration !== undefined){
let data12 = data6.observedGeneration;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err16 = {instancePath:instancePath+"/conditions/" + i0+"/observedGeneration",schemaPath:"#/definitions/condition/properties/observedGeneration/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema62.properties.observedGeneration.type,parentSchema:schema62.properties.observedGeneration,data:data12};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 < 0 || isNaN(data12)){
const err17 = {instancePath:instancePath+"/conditions/" + i0+"/observedGeneration",schemaPath:"#/definitions/condition/properties/observedGeneration/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema62.properties.observedGeneration,data:data12};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
}
else {
const err18 = {instancePath:instancePath+"/conditions/" + i0,schemaPath:"#/definitions/condition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.type,parentSchema:schema62,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/conditions",schemaPath:"#/properties/conditions/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema61.properties.conditions.type,parentSchema:schema61.properties.conditions,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.errors !== undefined){
let data13 = data.errors;
if(Array.isArray(data13)){
const len1 = data13.length;
for(let i1=0; i1<len1; i1++){
let data14 = data13[i1];
if(typeof data14 !== "string"){
const err20 = {instancePath:instancePath+"/errors/" + i1,schemaPath:"#/properties/errors/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.errors.items.type,parentSchema:schema61.properties.errors.items,data:data14};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/errors",schemaPath:"#/properties/errors/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema61.properties.errors.type,parentSchema:schema61.properties.errors,data:data13};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.error !== undefined){
let data15 = data.error;
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if(data15.message === undefined){
const err22 = {instancePath:instancePath+"/error",schemaPath:"#/definitions/failure/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'",schema:schema63.required,parentSchema:schema63,data:data15};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(data15.message !== undefined){
let data16 = data15.message;
if(typeof data16 !== "string"){
const err23 = {instancePath:instancePath+"/error/message",schemaPath:"#/definitions/failure/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.properties.message.type,parentSchema:schema63.properties.message,data:data16};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data15.target !== undefined){
let data17 = data15.target;
if(typeof data17 !== "string"){
const err24 = {instancePath:instancePath+"/error/target",schemaPath:"#/definitions/failure/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.properties.target.type,parentSchema:schema63.properties.target,data:data17};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data15.unit !== undefined){
let data18 = data15.unit;
if(typeof data18 !== "string"){
const err25 = {instancePath:instancePath+"/error/unit",schemaPath:"#/definitions/failure/properties/unit/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.properties.unit.type,parentSchema:schema63.properties.unit,data:data18};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data15.output !== undefined){
let data19 = data15.output;
if(Array.isArray(data19)){
const len2 = data19.length;
for(let i2=0; i2<len2; i2++){
let data20 = data19[i2];
if(typeof data20 !== "string"){
const err26 = {instancePath:instancePath+"/error/output/" + i2,schemaPath:"#/definitions/failure/properties/output/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.properties.output.items.type,parentSchema:schema63.properties.output.items,data:data20};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/error/output",schemaPath:"#/definitions/failure/properties/output/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema63.properties.output.type,parentSchema:schema63.properties.output,data:data19};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/error",schemaPath:"#/definitions/failure/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema63.type,parentSchema:schema63,data:data15};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.rollbackFailures !== undefined){
let data21 = data.rollbackFailures;
if(Array.isArray(data21)){
const len3 = data21.length;
for(let i3=0; i3<len3; i3++){
let data22 = data21[i3];
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
if(data22.message === undefined){
const err29 = {instancePath:instancePath+"/rollbackFailures/" + i3,schemaPath:"#/definitions/failure/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'",schema:schema63.required,parentSchema:schema63,data:data22};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data22.message !== undefined){
let data23 = data22.message;
if(typeof data23 !== "string"){
const err30 = {instancePath:instancePath+"/rollbackFailures/" + i3+"/message",schemaPath:"#/definitions/failure/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.properties.message.type,parentSchema:schema63.properties.message,data:data23};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data22.target !== undefined){
let data24 = data22.target;
if(typeof data24 !== "string"){
const err31 = {instancePath:instancePath+"/rollbackFailures/" + i3+"/target",schemaPath:"#/definitions/failure/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.properties.target.type,parentSchema:schema63.properties.target,data:data24};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data22.unit !== undefined){
let data25 = data22.unit;
if(typeof data25 !== "string"){
const err32 = {instancePath:instancePath+"/rollbackFailures/" + i3+"/unit",schemaPath:"#/definitions/failure/properties/unit/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.properties.unit.type,parentSchema:schema63.properties.unit,data:data25};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data22.output !== undefined){
let data26 = data22.output;
if(Array.isArray(data26)){
const len4 = data26.length;
for(let i4=0; i4<len4; i4++){
let data27 = data26[i4];
if(typeof data27 !== "string"){
const err33 = {instancePath:instancePath+"/rollbackFailures/" + i3+"/output/" + i4,schemaPath:"#/definitions/failure/properties/output/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.properties.output.items.type,parentSchema:schema63.properties.output.items,data:data27};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath:instancePath+"/rollbackFailures/" + i3+"/output",schemaPath:"#/definitions/failure/properties/output/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema63.properties.output.type,parentSchema:schema63.properties.output,data:data26};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/rollbackFailures/" + i3,schemaPath:"#/definitions/failure/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema63.type,parentSchema:schema63,data:data22};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/rollbackFailures",schemaPath:"#/properties/rollbackFailures/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema61.properties.rollbackFailures.type,parentSchema:schema61.properties.rollbackFailures,data:data21};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.targets !== undefined){
let data28 = data.targets;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
for(const key0 in data28){
let data29 = data28[key0];
if(data29 && typeof data29 == "object" && !Array.isArray(data29)){
if(data29.generation === undefined){
const err37 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/targets/additionalProperties/required",keyword:"required",params:{missingProperty: "generation"},message:"must have required property '"+"generation"+"'",schema:schema61.properties.targets.additionalProperties.required,parentSchema:schema61.properties.targets.additionalProperties,data:data29};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(data29.units === undefined){
const err38 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/targets/additionalProperties/required",keyword:"required",params:{missingProperty: "units"},message:"must have required property '"+"units"+"'",schema:schema61.properties.targets.additionalProperties.required,parentSchema:schema61.properties.targets.additionalProperties,data:data29};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(data29.generation !== undefined){
let data30 = data29.generation;
if(!(((typeof data30 == "number") && (!(data30 % 1) && !isNaN(data30))) && (isFinite(data30)))){
const err39 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/generation",schemaPath:"#/properties/targets/additionalProperties/properties/generation/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema61.properties.targets.additionalProperties.properties.generation.type,parentSchema:schema61.properties.targets.additionalProperties.properties.generation,data:data30};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if((typeof data30 == "number") && (isFinite(data30))){
if(data30 < 0 || isNaN(data30)){
const err40 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/generation",schemaPath:"#/properties/targets/additionalProperties/properties/generation/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema61.properties.targets.additionalProperties.properties.generation,data:data30};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
if(data29.unknown !== undefined){
let data31 = data29.unknown;
if(typeof data31 !== "string"){
const err41 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/unknown",schemaPath:"#/properties/targets/additionalProperties/properties/unknown/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.targets.additionalProperties.properties.unknown.type,parentSchema:schema61.properties.targets.additionalProperties.properties.unknown,data:data31};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data29.units !== undefined){
let data32 = data29.units;
if(Array.isArray(data32)){
const len5 = data32.length;
for(let i5=0; i5<len5; i5++){
let data33 = data32[i5];
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
if(data33.service === undefined){
const err42 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/units/" + i5,schemaPath:"#/properties/targets/additionalProperties/properties/units/items/required",keyword:"required",params:{missingProperty: "service"},message:"must have required property '"+"service"+"'",schema:schema61.properties.targets.additionalProperties.properties.units.items.required,parentSchema:schema61.properties.targets.additionalProperties.properties.units.items,data:data33};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(data33.container === undefined){
const err43 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/units/" + i5,schemaPath:"#/properties/targets/additionalProperties/properties/units/items/required",keyword:"required",params:{missingProperty: "container"},message:"must have required property '"+"container"+"'",schema:schema61.properties.targets.additionalProperties.properties.units.items.required,parentSchema:schema61.properties.targets.additionalProperties.properties.units.items,data:data33};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if(data33.hash === undefined){
const err44 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/units/" + i5,schemaPath:"#/properties/targets/additionalProperties/properties/units/items/required",keyword:"required",params:{missingProperty: "hash"},message:"must have required property '"+"hash"+"'",schema:schema61.properties.targets.additionalProperties.properties.units.items.required,parentSchema:schema61.properties.targets.additionalProperties.properties.units.items,data:data33};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(data33.specHash === undefined){
const err45 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/units/" + i5,schemaPath:"#/properties/targets/additionalProperties/properties/units/items/required",keyword:"required",params:{missingProperty: "specHash"},message:"must have required property '"+"specHash"+"'",schema:schema61.properties.targets.additionalProperties.properties.units.items.required,parentSchema:schema61.properties.targets.additionalProperties.properties.units.items,data:data33};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(data33.dependsOn === undefined){
const err46 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/units/" + i5,schemaPath:"#/properties/targets/additionalProperties/properties/units/items/required",keyword:"required",params:{missingProperty: "dependsOn"},message:"must have required property '"+"dependsOn"+"'",schema:schema61.properties.targets.additionalProperties.properties.units.items.required,parentSchema:schema61.properties.targets.additionalProperties.properties.units.items,data:data33};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(data33.service !== undefined){
let data34 = data33.service;
if(typeof data34 !== "string"){
const err47 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/units/" + i5+"/service",schemaPath:"#/properties/targets/additionalProperties/properties/units/items/properties/service/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.targets.additionalProperties.properties.units.items.properties.service.type,parentSchema:schema61.properties.targets.additionalProperties.properties.units.items.properties.service,data:data34};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data33.container !== undefined){
let data35 = data33.container;
if(typeof data35 !== "string"){
const err48 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/units/" + i5+"/container",schemaPath:"#/properties/targets/additionalProperties/properties/units/items/properties/container/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.targets.additionalProperties.properties.units.items.properties.container.type,parentSchema:schema61.properties.targets.additionalProperties.properties.units.items.properties.container,data:data35};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data33.hash !== undefined){
let data36 = data33.hash;
if(typeof data36 !== "string"){
const err49 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/units/" + i5+"/hash",schemaPath:"#/properties/targets/additionalProperties/properties/units/items/properties/hash/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.targets.additionalProperties.properties.units.items.properties.hash.type,parentSchema:schema61.properties.targets.additionalProperties.properties.units.items.properties.hash,data:data36};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data33.specHash !== undefined){
let data37 = data33.specHash;
if(typeof data37 !== "string"){
const err50 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/units/" + i5+"/specHash",schemaPath:"#/properties/targets/additionalProperties/properties/units/items/properties/specHash/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.targets.additionalProperties.properties.units.items.properties.specHash.type,parentSchema:schema61.properties.targets.additionalProperties.properties.units.items.properties.specHash,data:data37};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data33.dependsOn !== undefined){
let data38 = data33.dependsOn;
if(Array.isArray(data38)){
const len6 = data38.length;
for(let i6=0; i6<len6; i6++){
let data39 = data38[i6];
if(typeof data39 !== "string"){
const err51 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/units/" + i5+"/dependsOn/" + i6,schemaPath:"#/properties/targets/additionalProperties/properties/units/items/properties/dependsOn/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.targets.additionalProperties.properties.units.items.properties.dependsOn.items.type,parentSchema:schema61.properties.targets.additionalProperties.properties.units.items.properties.dependsOn.items,data:data39};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
else {
const err52 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/units/" + i5+"/dependsOn",schemaPath:"#/properties/targets/additionalProperties/properties/units/items/properties/dependsOn/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema61.properties.targets.additionalProperties.properties.units.items.properties.dependsOn.type,parentSchema:schema61.properties.targets.additionalProperties.properties.units.items.properties.dependsOn,data:data38};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
else {
const err53 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/units/" + i5,schemaPath:"#/properties/targets/additionalProperties/properties/units/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema61.properties.targets.additionalProperties.properties.units.items.type,parentSchema:schema61.properties.targets.additionalProperties.properties.units.items,data:data33};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
}
else {
const err54 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1")+"/units",schemaPath:"#/properties/targets/additionalProperties/properties/units/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema61.properties.targets.additionalProperties.properties.units.type,parentSchema:schema61.properties.targets.additionalProperties.properties.units,data:data32};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/targets/" + key0.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/targets/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema61.properties.targets.additionalProperties.type,parentSchema:schema61.properties.targets.additionalProperties,data:data29};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
}
else {
const err56 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema61.properties.targets.type,parentSchema:schema61.properties.targets,data:data28};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data.observed !== undefined){
let data40 = data.observed;
if(data40 && typeof data40 == "object" && !Array.isArray(data40)){
for(const key1 in data40){
let data41 = data40[key1];
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
if(data41.reachable === undefined){
const err57 = {instancePath:instancePath+"/observed/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/observed/additionalProperties/required",keyword:"required",params:{missingProperty: "reachable"},message:"must have required property '"+"reachable"+"'",schema:schema61.properties.observed.additionalProperties.required,parentSchema:schema61.properties.observed.additionalProperties,data:data41};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(data41.since === undefined){
const err58 = {instancePath:instancePath+"/observed/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/observed/additionalProperties/required",keyword:"required",params:{missingProperty: "since"},message:"must have required property '"+"since"+"'",schema:schema61.properties.observed.additionalProperties.required,parentSchema:schema61.properties.observed.additionalProperties,data:data41};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
for(const key2 in data41){
if(!((((((key2 === "reachable") || (key2 === "since")) || (key2 === "notRunning")) || (key2 === "managersDown")) || (key2 === "otherGeneration")) || (key2 === "degraded"))){
const err59 = {instancePath:instancePath+"/observed/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/observed/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema61.properties.observed.additionalProperties,data:data41};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data41.reachable !== undefined){
let data42 = data41.reachable;
if((typeof data42 !== "boolean") && (data42 !== null)){
const err60 = {instancePath:instancePath+"/observed/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/reachable",schemaPath:"#/properties/observed/additionalProperties/properties/reachable/type",keyword:"type",params:{type: schema61.properties.observed.additionalProperties.properties.reachable.type},message:"must be boolean,null",schema:schema61.properties.observed.additionalProperties.properties.reachable.type,parentSchema:schema61.properties.observed.additionalProperties.properties.reachable,data:data42};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data41.since !== undefined){
let data43 = data41.since;
if(typeof data43 !== "string"){
const err61 = {instancePath:instancePath+"/observed/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/since",schemaPath:"#/properties/observed/additionalProperties/properties/since/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.observed.additionalProperties.properties.since.type,parentSchema:schema61.properties.observed.additionalProperties.properties.since,data:data43};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data41.notRunning !== undefined){
let data44 = data41.notRunning;
if(Array.isArray(data44)){
const len7 = data44.length;
for(let i7=0; i7<len7; i7++){
let data45 = data44[i7];
if(typeof data45 !== "string"){
const err62 = {instancePath:instancePath+"/observed/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/notRunning/" + i7,schemaPath:"#/properties/observed/additionalProperties/properties/notRunning/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.observed.additionalProperties.properties.notRunning.items.type,parentSchema:schema61.properties.observed.additionalProperties.properties.notRunning.items,data:data45};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
}
else {
const err63 = {instancePath:instancePath+"/observed/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/notRunning",schemaPath:"#/properties/observed/additionalProperties/properties/notRunning/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema61.properties.observed.additionalProperties.properties.notRunning.type,parentSchema:schema61.properties.observed.additionalProperties.properties.notRunning,data:data44};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data41.managersDown !== undefined){
let data46 = data41.managersDown;
if(Array.isArray(data46)){
const len8 = data46.length;
for(let i8=0; i8<len8; i8++){
let data47 = data46[i8];
if(typeof data47 !== "string"){
const err64 = {instancePath:instancePath+"/observed/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/managersDown/" + i8,schemaPath:"#/properties/observed/additionalProperties/properties/managersDown/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.observed.additionalProperties.properties.managersDown.items.type,parentSchema:schema61.properties.observed.additionalProperties.properties.managersDown.items,data:data47};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
else {
const err65 = {instancePath:instancePath+"/observed/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/managersDown",schemaPath:"#/properties/observed/additionalProperties/properties/managersDown/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema61.properties.observed.additionalProperties.properties.managersDown.type,parentSchema:schema61.properties.observed.additionalProperties.properties.managersDown,data:data46};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data41.otherGeneration !== undefined){
let data48 = data41.otherGeneration;
if(typeof data48 !== "boolean"){
const err66 = {instancePath:instancePath+"/observed/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/otherGeneration",schemaPath:"#/properties/observed/additionalProperties/properties/otherGeneration/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema61.properties.observed.additionalProperties.properties.otherGeneration.type,parentSchema:schema61.properties.observed.additionalProperties.properties.otherGeneration,data:data48};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data41.degraded !== undefined){
let data49 = data41.degraded;
if(Array.isArray(data49)){
const len9 = data49.length;
for(let i9=0; i9<len9; i9++){
let data50 = data49[i9];
if(typeof data50 !== "string"){
const err67 = {instancePath:instancePath+"/observed/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/degraded/" + i9,schemaPath:"#/properties/observed/additionalProperties/properties/degraded/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.observed.additionalProperties.properties.degraded.items.type,parentSchema:schema61.properties.observed.additionalProperties.properties.degraded.items,data:data50};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
}
else {
const err68 = {instancePath:instancePath+"/observed/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/degraded",schemaPath:"#/properties/observed/additionalProperties/properties/degraded/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema61.properties.observed.additionalProperties.properties.degraded.type,parentSchema:schema61.properties.observed.additionalProperties.properties.degraded,data:data49};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
}
else {
const err69 = {instancePath:instancePath+"/observed/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/observed/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema61.properties.observed.additionalProperties.type,parentSchema:schema61.properties.observed.additionalProperties,data:data41};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
else {
const err70 = {instancePath:instancePath+"/observed",schemaPath:"#/properties/observed/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema61.properties.observed.type,parentSchema:schema61.properties.observed,data:data40};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data.observedGeneration !== undefined){
let data51 = data.observedGeneration;
if(!(((typeof data51 == "number") && (!(data51 % 1) && !isNaN(data51))) && (isFinite(data51)))){
const err71 = {instancePath:instancePath+"/observedGeneration",schemaPath:"#/properties/observedGeneration/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema61.properties.observedGeneration.type,parentSchema:schema61.properties.observedGeneration,data:data51};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
if((typeof data51 == "number") && (isFinite(data51))){
if(data51 < 0 || isNaN(data51)){
const err72 = {instancePath:instancePath+"/observedGeneration",schemaPath:"#/properties/observedGeneration/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema61.properties.observedGeneration,data:data51};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
}
}
else {
const err73 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema61.type,parentSchema:schema61,data};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
validate46.errors = vErrors;
return errors === 0;
}

function ucs2length(str) {
    const len = str.length;
    let length = 0;
    let pos = 0;
    let value;
    while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 0xd800 && value <= 0xdbff && pos < len) {
            // high surrogate, and there is a next character
            value = str.charCodeAt(pos);
            if ((value & 0xfc00) === 0xdc00)
                pos++; // low surrogate
        }
    }
    return length;
}
