// Package testenv lets tests find what their environment may lack — data
// under ../shared, a database, a command on PATH — and skip when it is
// missing, except under CI (the CI variable set), where a missing thing is
// a failure, so CI can never pass by skipping.
package testenv
