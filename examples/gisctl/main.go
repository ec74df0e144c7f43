package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/google/uuid"

	"github.com/openzhkh/zhkh/gis"
	"github.com/openzhkh/zhkh/internal/civil"
)

// The exit codes of gisctl.
const (
	exitOK       = 0 // done
	exitBadInput = 1 // the input (JSON, XML, validation) is wrong, or writing failed
	exitUsage    = 2 // the command line is wrong
)

// maxInput caps what gisctl reads from stdin.
const maxInput = 64 << 20

// main runs gisctl and exits with its code; Ctrl-C cancels the context.
func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// env is what gisctl takes from the world: the clock and the source of
// GUIDs. Tests pass fixed ones.
type env struct {
	now   func() time.Time
	newID func() (uuid.UUID, error)
}

// run executes the command line args and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runEnv(ctx, env{now: time.Now, newID: uuid.NewV7}, args, stdin, stdout, stderr)
}

// usageError is a wrong command line.
type usageError struct{ msg string }

// Error returns the message.
func (e *usageError) Error() string { return e.msg }

// usagef returns a *usageError with a formatted message.
func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// usage is the help of gisctl.
const usage = `gisctl — сообщения ГИС ЖКХ (dom.gosuslugi.ru), схемы 16.3.0.0

Использование:
  gisctl ops [-json]                         список операций
  gisctl build <операция> [-org GUID] [-operator] [-version V] [-out DIR]
                                             JSON со stdin -> SOAP-конверты
  gisctl parse [-op операция]                ответ ГИС ЖКХ со stdin -> JSON
  gisctl check [-today ГГГГ-ММ-ДД] [-text]   проверка качества данных (JSON со stdin)
  gisctl help                                эта справка

Коды завершения: 0 — успешно, 1 — неверные входные данные, 2 — неверная командная строка.
`

// runEnv is run with the clock and GUID source of e.
func runEnv(ctx context.Context, e env, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch args[0] {
	case "ops":
		err = runOps(args[1:], stdout, stderr)
	case "build":
		err = runBuild(ctx, e, args[1:], stdin, stdout, stderr)
	case "parse":
		err = runParse(args[1:], stdin, stdout, stderr)
	case "check":
		err = runCheck(e, args[1:], stdin, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		err = usagef("неизвестная команда %q", args[0])
	}
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "gisctl:", err)
		fmt.Fprint(stderr, usage)
		return exitUsage
	default:
		fmt.Fprintln(stderr, "gisctl:", errorText(err))
		return exitBadInput
	}
}

// errorText renders an error for the person at the terminal: one line per
// violation or JSON problem.
func errorText(err error) string {
	var ve *gis.ValidationError
	if errors.As(err, &ve) {
		var b strings.Builder
		b.WriteString("данные не прошли проверку:")
		for _, v := range ve.Violations {
			b.WriteString("\n  ")
			if v.Field != "" {
				b.WriteString(v.Field + ": ")
			}
			fmt.Fprintf(&b, "%s (%s)", v.Message, v.Code)
		}
		return b.String()
	}
	var ie *inputError
	if errors.As(err, &ie) {
		return "неверные входные данные:\n  " + strings.Join(ie.problems, "\n  ")
	}
	return err.Error()
}

// newFlags returns a flag set that reports to stderr and returns errors.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("gisctl "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args and turns flag errors into usage errors.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usagef("%v", err)
	}
	return nil
}

// readInput reads all of stdin, up to maxInput bytes.
func readInput(stdin io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(stdin, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("чтение stdin: %w", err)
	}
	if len(data) > maxInput {
		return nil, fmt.Errorf("входные данные больше %d МиБ", maxInput>>20)
	}
	return data, nil
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// opInfo is one line of `gisctl ops -json`.
type opInfo struct {
	Name         string   `json:"name"`
	Service      string   `json:"service"`
	Path         string   `json:"path"`
	SOAPAction   string   `json:"soapAction"`
	Header       string   `json:"header"`
	Request      string   `json:"request"`
	Versions     []string `json:"versions"`
	VersionFixed bool     `json:"versionFixed"`
	Buildable    bool     `json:"buildable"`
	// Input describes the JSON build reads for the operation.
	Input string `json:"input,omitempty"`
}

// runOps runs `gisctl ops`: the table of operations, as text or JSON.
func runOps(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("ops", stderr)
	asJSON := fs.Bool("json", false, "вывести JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("лишние аргументы: %s", strings.Join(fs.Args(), " "))
	}
	ops := gis.Operations()
	table := buildTable()
	infos := make([]opInfo, 0, len(ops))
	for _, op := range ops {
		entry, buildable := table[op.Name]
		infos = append(infos, opInfo{
			Name: op.Name, Service: op.Service, Path: op.Path, SOAPAction: op.SOAPAction,
			Header: op.Header.String(), Request: op.Request.String(),
			Versions: append([]string{}, op.Versions...), VersionFixed: op.VersionFixed,
			Buildable: buildable && op.Name != "getState",
		})
		if infos[len(infos)-1].Buildable {
			infos[len(infos)-1].Input = entry.input
		}
	}
	if *asJSON {
		return writeJSON(stdout, infos)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ОПЕРАЦИЯ\tСЕРВИС\tSOAPACTION\tЗАГОЛОВОК\tВЕРСИИ\tBUILD")
	for _, o := range infos {
		versions := strings.Join(o.Versions, ",")
		if versions == "" {
			versions = "-"
		} else if o.VersionFixed {
			versions += " (фикс.)"
		}
		build := ""
		if o.Buildable {
			build = "да"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", o.Name, o.Service, o.SOAPAction, o.Header, versions, build)
	}
	return tw.Flush()
}

// runBuild runs `gisctl build`: JSON on stdin to SOAP envelopes.
func runBuild(ctx context.Context, e env, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("build", stderr)
	org := fs.String("org", "", "orgPPAGUID поставщика информации (для RequestHeader)")
	operator := fs.Bool("operator", false, "IsOperatorSignature=true: подпись оператора ИС")
	version := fs.String("version", "", "base:version (по умолчанию — версия операции по умолчанию)")
	out := fs.String("out", "", "записать каждое сообщение в отдельный файл в `DIR`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("укажите операцию: gisctl build <операция>")
	}
	name := fs.Arg(0)
	if err := parseFlags(fs, fs.Args()[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("лишние аргументы: %s", strings.Join(fs.Args(), " "))
	}
	entry, ok := buildTable()[name]
	if !ok {
		return usagef("операция %q не поддерживается командой build; см. gisctl ops", name)
	}
	op, ok := gis.LookupOperation(name)
	if !ok {
		return usagef("операции %q нет в таблице операций 16.3.0.0", name)
	}
	cfg := gis.BuilderConfig{OperatorSignature: *operator, Now: e.now, NewID: e.newID}
	if *org != "" {
		id, err := uuid.Parse(*org)
		if err != nil {
			return usagef("-org: %q не является GUID", *org)
		}
		cfg.OrgPPAGUID = id
	}
	if op.Header == gis.RequestHeader && cfg.OrgPPAGUID == uuid.Nil {
		return usagef("операции %s нужен -org GUID (orgPPAGUID поставщика информации)", name)
	}
	if *version != "" && !op.AllowsVersion(*version) {
		return usagef("версия %q недопустима для %s; допустимы: %s", *version, name, strings.Join(op.Versions, ", "))
	}
	data, err := readInput(stdin)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	msgs, err := entry.build(gis.NewBuilder(cfg), data, *version)
	if err != nil {
		return err
	}
	if *out != "" {
		return writeFiles(*out, msgs, stdout)
	}
	return writeMessages(msgs, stdout)
}

// writeMessages writes the envelopes to w: a single one as it is; several
// each after a line "=== n/N operation MessageGUID".
func writeMessages(msgs []*gis.Message, w io.Writer) error {
	for i, m := range msgs {
		b, err := m.Bytes()
		if err != nil {
			return fmt.Errorf("сериализация сообщения %d: %w", i+1, err)
		}
		if len(msgs) > 1 {
			if _, err := fmt.Fprintf(w, "=== %d/%d %s %s\n", i+1, len(msgs), m.Operation.Name, m.MessageGUID); err != nil {
				return err
			}
		}
		if _, err := w.Write(b); err != nil {
			return err
		}
		if len(b) == 0 || b[len(b)-1] != '\n' {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeFiles writes each envelope to dir/NNN-operation-MessageGUID.xml and
// lists the paths on w.
func writeFiles(dir string, msgs []*gis.Message, w io.Writer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("каталог %s: %w", dir, err)
	}
	for i, m := range msgs {
		b, err := m.Bytes()
		if err != nil {
			return fmt.Errorf("сериализация сообщения %d: %w", i+1, err)
		}
		p := filepath.Join(dir, fmt.Sprintf("%03d-%s-%s.xml", i+1, m.Operation.Name, m.MessageGUID))
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return fmt.Errorf("запись %s: %w", p, err)
		}
		if _, err := fmt.Fprintln(w, p); err != nil {
			return err
		}
	}
	return nil
}

// runCheck runs `gisctl check`: the data-quality findings of the JSON on
// stdin.
func runCheck(e env, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	todayFlag := fs.String("today", "", "дата, на которую проверяются сроки, ГГГГ-ММ-ДД (по умолчанию — сегодня по Москве)")
	text := fs.Bool("text", false, "вывести таблицу вместо JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("лишние аргументы: %s", strings.Join(fs.Args(), " "))
	}
	var today gis.Date
	if *todayFlag != "" {
		var d gis.Date
		if err := d.UnmarshalText([]byte(*todayFlag)); err != nil || d.IsZero() {
			return usagef("-today: %q не является датой ГГГГ-ММ-ДД", *todayFlag)
		}
		today = d
	} else {
		today = civil.Of(e.now().In(moscow()))
	}
	data, err := readInput(stdin)
	if err != nil {
		return err
	}
	var in gis.QualityInput
	if err := decodeStrict(data, &in, ""); err != nil {
		return err
	}
	found := gis.CheckQuality(in, today)
	if *text {
		return writeFindings(stdout, found, today)
	}
	if found == nil {
		found = []gis.Finding{}
	}
	return writeJSON(stdout, found)
}

// writeFindings writes the findings as a table for people.
func writeFindings(w io.Writer, found []gis.Finding, today gis.Date) error {
	if len(found) == 0 {
		_, err := fmt.Fprintf(w, "Проверка на %s: проблем не найдено.\n", today)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ОБЪЕКТ\tКЛЮЧ\tПУТЬ\tПРОВЕРКА\tСООБЩЕНИЕ")
	for _, f := range found {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", kindName(f.Object.Kind), f.Object.Key, f.Path, f.Check, f.Message)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "Проверка на %s: найдено проблем: %d.\n", today, len(found))
	return err
}

// kindName names an object kind in Russian.
func kindName(kind string) string {
	switch kind {
	case "meter":
		return "прибор учета"
	case "account":
		return "лицевой счет"
	case "house":
		return "дом"
	case "premise":
		return "помещение"
	case "room":
		return "комната"
	case "organisation":
		return "организация"
	case "service":
		return "услуга"
	case "contract":
		return "договор"
	case "payment_document":
		return "платежный документ"
	}
	return kind
}

// moscow returns Europe/Moscow, or UTC+3 when the zone database is missing.
func moscow() *time.Location {
	if loc, err := time.LoadLocation("Europe/Moscow"); err == nil {
		return loc
	}
	return time.FixedZone("MSK", 3*60*60)
}
