package p
var s = "\u1