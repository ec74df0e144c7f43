// Command bench is the Go half of copycompare.sh, which compares the bulk
// loaders of the address graph (COPY through pgx) with a plain psql \copy
// of the same rows into the same tables. It generates a region with
// addresstest.Generate, so every side loads the same data.
//
//	bench gen -n 1000000 -out DIR     write DIR/objects.csv and DIR/relations.csv
//	bench migrate -url URL            migrate the database of URL
//	bench copy -n 1000000 -url URL    put the region into the memory adapter
//	                                  (untimed), then time postgres.CopyGraph
//	bench load -n 1000000 -url URL    time postgres.BulkImport of the region:
//	                                  the graph's rules in memory, then COPY
//
// The CSV rows are the rows the loader copies: the same columns, the
// folded name, the elements as JSON, open period ends as ±infinity.
package main
