ô€€
package p
