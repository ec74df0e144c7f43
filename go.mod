module github.com/openzhkh/zhkh

go 1.26
