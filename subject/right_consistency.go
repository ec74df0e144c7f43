package subject

import (
	"math/big"
	"slices"
	"strconv"
)

// CheckPremise checks the consistency of the ownership of one premise on
// the date, over the rights in force then (see Right.ActiveAt); rights not
// in force are skipped. The rules:
//
//   - a sole right has exactly one owner and no share (CodeSoleOwners,
//     CodeShareUnexpected);
//   - a joint right has two or more owners and no shares
//     (CodeJointOwners, CodeShareUnexpected);
//   - a shared right has a share for every owner (CodeShareMissing), each
//     in (0, 1] by construction of Share;
//   - a sole right stands alone: no other right is in force beside it
//     (CodeSoleNotAlone);
//   - the shares of all shared rights in force sum to exactly 1; otherwise
//     the violation says what is missing («не хватает 1/6»,
//     CodeSharesShort) or in excess («превышение на 1/12»,
//     CodeSharesExcess).
//
// It returns a *ValidationError with every violation at once, field paths
// indexing rights ("rights[2].owners[1].share"; the sums are reported on
// "rights"), or nil. It allocates nothing when the premise is consistent.
func CheckPremise(rights []Right, at Date) error {
	vs := checkPremise(nil, rights, at, false)
	if len(vs) == 0 {
		return nil
	}
	return &ValidationError{Violations: vs}
}

// checkPremise appends the violations of CheckPremise to vs; allowShort
// leaves out CodeSharesShort without computing its message.
func checkPremise(vs []Violation, rights []Right, at Date, allowShort bool) []Violation {
	var (
		sum    shareSum
		shared bool
		active int
		sole   = -1
	)
	for i := range rights {
		r := &rights[i]
		if !r.ActiveAt(at) {
			continue
		}
		active++
		if r.Kind == RightSole && sole < 0 {
			sole = i
		}
		if !kindOK(r) {
			vs = kindRules(vs, *r, "rights["+strconv.Itoa(i)+"].")
		}
		if r.Kind == RightShared {
			shared = true
			for j := range r.Owners {
				sum.add(r.Owners[j].Share)
			}
		}
	}
	if sole >= 0 && active > 1 {
		vs = append(vs, Violation{
			Field:   "rights[" + strconv.Itoa(sole) + "].kind",
			Code:    CodeSoleNotAlone,
			Message: "Помещение в единоличной собственности не может иметь других действующих прав",
		})
	}
	if shared {
		switch sum.cmpOne() {
		case -1:
			if allowShort {
				break
			}
			gap := new(big.Rat).Sub(ratOne, sum.rat())
			vs = append(vs, Violation{Field: "rights", Code: CodeSharesShort, Message: "Сумма долей меньше единицы: не хватает " + gap.RatString()})
		case 1:
			over := new(big.Rat).Sub(sum.rat(), ratOne)
			vs = append(vs, Violation{Field: "rights", Code: CodeSharesExcess, Message: "Сумма долей больше единицы: превышение на " + over.RatString()})
		}
	}
	return vs
}

// kindOK is the allocation-free fast path of kindRules.
func kindOK(r *Right) bool {
	switch r.Kind {
	case RightSole:
		if len(r.Owners) != 1 {
			return false
		}
	case RightJoint:
		if len(r.Owners) < 2 {
			return false
		}
	}
	for j := range r.Owners {
		if (r.Kind == RightShared) == r.Owners[j].Share.IsZero() {
			return false
		}
	}
	return true
}

// CheckAddition decides whether the right r may be added to the stored
// rights of its premise (all of them, ended ones included): it validates r
// on its own (Right.Validate, paths relative to r), then checks the
// premise with r (CheckPremise, r at index len(stored)) on every date the
// set of rights in force changes while r is in force. Shares short of 1
// are allowed, since shares are registered owner by owner; every other
// violation refuses the addition. It returns the *ValidationError of the
// first date that fails, or nil. It neither changes nor keeps its
// arguments.
func CheckAddition(stored []Right, r Right) error {
	if err := r.Validate(); err != nil {
		return err
	}
	all := make([]Right, 0, len(stored)+1)
	all = append(all, stored...)
	all = append(all, r)
	dates := []Date{r.Registered}
	for _, s := range stored {
		if s.Registered.After(r.Registered) && r.ActiveAt(s.Registered) {
			dates = append(dates, s.Registered)
		}
	}
	slices.SortFunc(dates, Date.Compare)
	dates = slices.Compact(dates)
	for _, d := range dates {
		if vs := checkPremise(nil, all, d, true); len(vs) > 0 {
			return &ValidationError{Violations: vs}
		}
	}
	return nil
}
