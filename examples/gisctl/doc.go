// Command gisctl builds and reads the SOAP messages of GIS ZhKKh
// (dom.gosuslugi.ru, schema package 16.3.0.0) and checks the quality of
// the data before it is sent, for integrators who do not write Go: the
// input and the output are JSON and XML on stdin and stdout.
//
// # Operations
//
//	gisctl ops [-json]
//
// lists every operation of the package: name, service, SOAPAction, the
// header it needs (RequestHeader or ISRequestHeader), the base:version
// values the schema allows (the default first; "фикс." when the schema
// fixes one) and whether `gisctl build` can build it. With -json each
// operation is an object with name, service, path, soapAction, header,
// request, versions, versionFixed and buildable.
//
// # Building requests
//
//	gisctl build <operation> [-org GUID] [-operator] [-version V] [-out DIR] < input.json
//
// reads the typed input of the operation as JSON and writes the SOAP
// envelope (unsigned) to stdout. Import operations read an array of items,
// export operations one query object; the field names are the json tags
// of the gis types, dates are YYYY-MM-DD, GUIDs lower-case, money a
// decimal number or string. `gisctl ops` marks the operations build
// supports, and `gisctl ops -json` names the input of each:
//
//	importAccountData            array of gis.Account
//	exportAccountData            gis.AccountQuery
//	importMeteringDeviceData     array of gis.Meter
//	exportMeteringDeviceData     gis.MeterQuery
//	importMeteringDeviceValues   array of gis.Reading
//	exportMeteringDeviceHistory  gis.MeterHistoryQuery
//	importPaymentDocumentData    array of gis.PaymentDocument, or
//	                             {"documentIds": [...]} to withdraw placed ones
//	exportPaymentDocumentData    gis.PaymentDocumentQuery
//	exportHouseData              gis.HouseQuery
//	exportOrgRegistry            gis.OrgRegistryQuery
//	exportNsiList                {"listGroup": "NSI" or "NSIRAO"}
//	exportNsiItem                gis.NsiItemQuery
//	exportNsiPagingItem          gis.NsiPagingItemQuery
//	exportDataProviderNsiItem    gis.DataProviderNsiItemQuery
//	exportDebtSubrequests        gis.DebtSubrequestQuery
//	importResponses              array of gis.DebtResponse
//
// An import larger than the schema's per-message limit becomes several
// messages. On stdout a single envelope is written as it is; several are
// each preceded by a line
//
//	=== 2/3 importAccountData <MessageGUID>
//
// With -out DIR every envelope goes to its own file,
// DIR/001-importAccountData-<MessageGUID>.xml, and stdout lists the paths.
//
// Flags of build:
//
//	-org GUID     orgPPAGUID of the data provider; required by operations
//	              with a RequestHeader
//	-operator     IsOperatorSignature=true: the information system
//	              operator signs
//	-version V    base:version of the body; one the schema allows for the
//	              operation (default: the operation's default). Export
//	              queries with a version field take it there; a builder
//	              that writes a fixed version refuses another one
//	-out DIR      one file per message in DIR
//
// Unknown fields, values of the wrong type and JSON syntax errors are
// reported with the path of the field and the line and column:
//
//	gisctl: неверные входные данные:
//	  поле accounts[3].totalSquare: ожидается десятичное число
//
// and validation failures list every violation with its path and code:
//
//	gisctl: данные не прошли проверку:
//	  accounts[0].accountNumber: не указан номер лицевого счета (required)
//
// # Reading responses
//
//	gisctl parse [-op operation] < response.xml
//
// reads what GIS ZhKKh answered, an AckRequest, a getStateResult of any
// service or a SOAP fault, and writes JSON: {"kind": "ack", "ack": {...}},
// {"kind": "fault", "fault": {...}} or {"kind": "state", "state": {...}}.
// Errors carry their GIS code, text and class (empty, retry, resend,
// fatal, unknown: what to do next). Item results of imports list the
// TransportGUID, GUID, unique number, update date and errors; export
// payloads are given as XML strings. With -op naming an export operation
// that has a typed reader (exportAccountData, exportOrgRegistry,
// exportNsiList, exportNsiItem, exportNsiPagingItem,
// exportDataProviderNsiItem, exportHouseData, exportMeteringDeviceData,
// exportMeteringDeviceHistory, exportPaymentDocumentData,
// exportDebtSubrequests), a finished result is also read into "data".
//
// # Checking data quality
//
//	gisctl check [-today YYYY-MM-DD] [-text] < data.json
//
// reads a gis.QualityInput (organisations, services, contracts,
// housingObjects, accounts, meters, paymentDocuments) and writes the
// findings of gis.CheckQuality as a JSON array of {object: {kind, key},
// path, check, message}; with -text as a table for people. Expiry is
// judged on -today, by default today in Moscow. Findings are not a
// failure: the exit code is 0 whenever the input could be read.
//
// # Exit codes
//
//	0  done
//	1  bad input: JSON or XML that cannot be read, a validation failure,
//	   or a file that cannot be written
//	2  wrong command line: unknown command, operation or flag, a missing
//	   -org, a version the schema does not allow
package main
