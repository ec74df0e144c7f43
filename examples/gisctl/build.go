package main

import (
	"bytes"
	"fmt"
	"reflect"

	"github.com/openzhkh/zhkh/gis"
)

// buildEntry builds the messages of one operation from the JSON input.
type buildEntry struct {
	// input describes the JSON the operation reads, for the help.
	input string
	// build decodes data and builds the messages; version is the -version
	// flag ("" for the operation's default).
	build func(b *gis.Builder, data []byte, version string) ([]*gis.Message, error)
}

// importer makes an entry for an import builder over a list of items; the
// JSON is an array and paths in errors start with list ("accounts[3]").
func importer[T any](list string, f func(*gis.Builder, []T) ([]*gis.Message, error)) buildEntry {
	return buildEntry{
		input: fmt.Sprintf("массив %s (%s)", reflect.TypeFor[T](), list),
		build: func(b *gis.Builder, data []byte, version string) ([]*gis.Message, error) {
			var items []T
			if err := decodeStrict(data, &items, list); err != nil {
				return nil, err
			}
			msgs, err := f(b, items)
			if err != nil {
				return nil, err
			}
			return withVersion(msgs, version)
		},
	}
}

// exporter makes an entry for an export builder over one query object.
func exporter[Q any](what string, f func(*gis.Builder, Q) (*gis.Message, error)) buildEntry {
	return exporterN(what, func(b *gis.Builder, q Q) ([]*gis.Message, error) {
		m, err := f(b, q)
		if err != nil {
			return nil, err
		}
		return []*gis.Message{m}, nil
	})
}

// exporterN makes an entry for an export builder that splits a query
// into several messages.
func exporterN[Q any](what string, f func(*gis.Builder, Q) ([]*gis.Message, error)) buildEntry {
	return buildEntry{
		input: "объект " + what,
		build: func(b *gis.Builder, data []byte, version string) ([]*gis.Message, error) {
			var q Q
			if err := decodeStrict(data, &q, ""); err != nil {
				return nil, err
			}
			if err := setVersion(&q, version); err != nil {
				return nil, err
			}
			msgs, err := f(b, q)
			if err != nil {
				return nil, err
			}
			return withVersion(msgs, version)
		},
	}
}

// setVersion puts the -version value into the Version field of a query
// that has one (the export builders of operations with several allowed
// versions take it there). A different version in the JSON is an error.
func setVersion(q any, version string) error {
	if version == "" {
		return nil
	}
	v := reflect.ValueOf(q).Elem()
	if v.Kind() != reflect.Struct {
		return nil
	}
	f := v.FieldByName("Version")
	if !f.IsValid() || f.Kind() != reflect.String || !f.CanSet() {
		return nil
	}
	if f.String() != "" && f.String() != version {
		return &inputError{[]string{fmt.Sprintf("поле version: %q противоречит -version %q", f.String(), version)}}
	}
	f.SetString(version)
	return nil
}

// withVersion checks that the messages carry the -version value. Export
// builders of operations with several allowed versions take the version
// in their query (see setVersion); the other builders write the
// operation's default, so asking them for another version is an error
// rather than a silently different message.
func withVersion(msgs []*gis.Message, version string) ([]*gis.Message, error) {
	if version == "" {
		return msgs, nil
	}
	for _, m := range msgs {
		if m.Version != version {
			return nil, usagef("построитель %s пишет версию %s; -version %s для него не поддерживается", m.Operation.Name, m.Version, version)
		}
	}
	return msgs, nil
}

// listGroupInput is the JSON of exportNsiList.
type listGroupInput struct {
	ListGroup gis.NsiListGroup `json:"listGroup,omitempty"`
}

// buildTable is the dispatch table of `gisctl build`, by operation name.
func buildTable() map[string]buildEntry {
	return map[string]buildEntry{
		"importAccountData":        importer("accounts", (*gis.Builder).ImportAccountData),
		"exportAccountData":        exporterN("gis.AccountQuery", (*gis.Builder).ExportAccountData),
		"importMeteringDeviceData": importer("meters", (*gis.Builder).ImportMeteringDeviceData),
		"exportOrgRegistry":        exporterN("gis.OrgRegistryQuery", (*gis.Builder).ExportOrgRegistry),
		"exportNsiList": exporter("{\"listGroup\": \"NSI\"|\"NSIRAO\"}", func(b *gis.Builder, in listGroupInput) (*gis.Message, error) {
			return b.ExportNsiList(in.ListGroup)
		}),
		"exportNsiItem":               exporter("gis.NsiItemQuery", (*gis.Builder).ExportNsiItem),
		"exportNsiPagingItem":         exporter("gis.NsiPagingItemQuery", (*gis.Builder).ExportNsiPagingItem),
		"exportDataProviderNsiItem":   exporter("gis.DataProviderNsiItemQuery", (*gis.Builder).ExportDataProviderNsiItem),
		"exportHouseData":             exporter("gis.HouseQuery", (*gis.Builder).ExportHouseData),
		"exportMeteringDeviceData":    exporter("gis.MeterQuery", (*gis.Builder).ExportMeteringDeviceData),
		"importMeteringDeviceValues":  importer("readings", (*gis.Builder).ImportMeteringDeviceValues),
		"exportMeteringDeviceHistory": exporter("gis.MeterHistoryQuery", (*gis.Builder).ExportMeteringDeviceHistory),
		"importPaymentDocumentData":   paymentDocuments(),
		"exportPaymentDocumentData":   exporterN("gis.PaymentDocumentQuery", (*gis.Builder).ExportPaymentDocumentData),
		"exportDebtSubrequests":       exporter("gis.DebtSubrequestQuery", (*gis.Builder).ExportDebtSubrequests),
		"importResponses":             importer("responses", (*gis.Builder).ImportResponses),
	}
}

// withdrawInput is the JSON that withdraws placed payment documents.
type withdrawInput struct {
	DocumentIDs []string `json:"documentIds"`
}

// paymentDocuments is the entry of importPaymentDocumentData: an array of
// payment documents places them; an object {"documentIds": [...]}
// withdraws placed ones.
func paymentDocuments() buildEntry {
	place := importer("documents", (*gis.Builder).ImportPaymentDocumentData)
	withdraw := exporterN("{\"documentIds\": [...]}", func(b *gis.Builder, in withdrawInput) ([]*gis.Message, error) {
		return b.WithdrawPaymentDocuments(in.DocumentIDs)
	})
	return buildEntry{
		input: "массив documents или объект {\"documentIds\": [...]}",
		build: func(b *gis.Builder, data []byte, version string) ([]*gis.Message, error) {
			if t := bytes.TrimSpace(data); len(t) > 0 && t[0] == '{' {
				return withdraw.build(b, data, version)
			}
			return place.build(b, data, version)
		},
	}
}

// resultReader turns a done getStateResult into typed values.
type resultReader func(r *gis.StateResult) (any, error)

// reader adapts a typed reader of the gis package.
func reader[T any](f func(*gis.StateResult) (T, error)) resultReader {
	return func(r *gis.StateResult) (any, error) { return f(r) }
}

// readerTable is the dispatch table of `gisctl parse -op`, by operation
// name: the export operations whose results have a typed reader.
func readerTable() map[string]resultReader {
	return map[string]resultReader{
		"exportAccountData":           reader(gis.ReadExportAccountData),
		"exportOrgRegistry":           reader(gis.ReadExportOrgRegistry),
		"exportNsiList":               reader(gis.ReadExportNsiList),
		"exportNsiItem":               reader(gis.ReadExportNsiItem),
		"exportNsiPagingItem":         reader(gis.ReadExportNsiItem),
		"exportDataProviderNsiItem":   reader(gis.ReadExportNsiItem),
		"exportHouseData":             reader(gis.ReadExportHouseData),
		"exportMeteringDeviceData":    reader(gis.ReadExportMeteringDeviceData),
		"exportMeteringDeviceHistory": reader(gis.ReadExportMeteringDeviceHistory),
		"exportPaymentDocumentData":   reader(gis.ReadExportPaymentDocumentData),
		"exportDebtSubrequests":       reader(gis.ReadExportDebtSubrequests),
	}
}
