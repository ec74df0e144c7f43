// Package gis builds and parses the SOAP messages of GIS ZhKKh
// (dom.gosuslugi.ru), the state information system of housing and
// communal services, for the 16.3.0.0 package of its formats.
package gis
