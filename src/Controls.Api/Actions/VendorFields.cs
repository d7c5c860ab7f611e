using System.Globalization;
using Controls.Collectors.ThirdParty;
using Controls.Compliance.ThirdParty;

namespace Controls.Api.Actions;

/// <summary>
/// Turns the text fields of a vendor (from JSON, a CSV row or an xlsx row) into a validated <see cref="VendorInput"/>.
/// A field that is absent keeps the baseline's value (the stored vendor's, or the defaults for a new one), so an
/// import with fewer columns never blanks the others.
/// </summary>
public static class VendorFields
{
    public const string Name = "name";
    public const string Approved = "approved";
    public const string RiskTier = "riskTier";
    public const string Owner = "owner";
    public const string DpaSigned = "dpaSigned";
    public const string LastAssessmentOn = "lastAssessmentOn";
    public const string AssessmentDueOn = "assessmentDueOn";
    public const string Notes = "notes";
    public const string Matches = "matches";

    public static readonly VendorInput NewVendor = new(string.Empty, false, Compliance.ThirdParty.RiskTier.Medium, null, false, null, null, null, []);

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>Header spellings accepted by the import, normalised (lower case, letters and digits only).</summary>
    private static readonly Dictionary<string, string> HeaderAliases = new(StringComparer.Ordinal)
    {
        ["name"] = Name, ["vendor"] = Name, ["vendorname"] = Name, ["supplier"] = Name, ["suppliername"] = Name,
        ["approved"] = Approved, ["approval"] = Approved, ["isapproved"] = Approved, ["approvalstatus"] = Approved,
        ["risktier"] = RiskTier, ["risk"] = RiskTier, ["tier"] = RiskTier, ["risklevel"] = RiskTier, ["riskrating"] = RiskTier,
        ["owner"] = Owner, ["vendorowner"] = Owner, ["businessowner"] = Owner, ["relationshipowner"] = Owner,
        ["dpasigned"] = DpaSigned, ["dpa"] = DpaSigned, ["dataprocessingagreement"] = DpaSigned, ["dpasignedyesno"] = DpaSigned,
        ["lastassessment"] = LastAssessmentOn, ["lastassessmenton"] = LastAssessmentOn, ["lastassessed"] = LastAssessmentOn,
        ["lastsecurityassessment"] = LastAssessmentOn, ["lastassessmentdate"] = LastAssessmentOn, ["assessedon"] = LastAssessmentOn,
        ["assessmentdue"] = AssessmentDueOn, ["assessmentdueon"] = AssessmentDueOn, ["assessmentduedate"] = AssessmentDueOn,
        ["nextassessment"] = AssessmentDueOn, ["nextassessmentdue"] = AssessmentDueOn, ["duedate"] = AssessmentDueOn, ["due"] = AssessmentDueOn,
        ["matches"] = Matches, ["match"] = Matches, ["matchrules"] = Matches, ["apps"] = Matches, ["aliases"] = Matches, ["appsmodules"] = Matches,
        ["notes"] = Notes, ["note"] = Notes, ["comment"] = Notes, ["comments"] = Notes,
    };

    /// <summary>The field an import header names, or null for a column the register does not know.</summary>
    public static string? FieldForHeader(string header)
    {
        var normalised = new string([.. header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
        return HeaderAliases.GetValueOrDefault(normalised);
    }

    /// <param name="fields">Present fields by name (see the constants); a present empty value clears optional fields.</param>
    /// <param name="matches">Match rules given as a list (JSON); otherwise the "matches" text is split on ';', ',', '|' or new lines.</param>
    public static (VendorInput? Input, Dictionary<string, string[]> Errors) Read(
        VendorInput baseline, IReadOnlyDictionary<string, string?> fields, IReadOnlyList<string>? matches = null)
    {
        var errors = new Dictionary<string, string[]>();
        var input = baseline;
        if (fields.TryGetValue(Name, out var name))
        {
            input = input with { Name = name?.Trim() ?? string.Empty };
        }

        if (input.Name.Length is 0 or > 200)
        {
            errors[Name] = ["Name is required (at most 200 characters)."];
        }

        if (fields.TryGetValue(Approved, out var approved))
        {
            if (ParseBool(approved) is { } value)
            {
                input = input with { Approved = value };
            }
            else
            {
                errors[Approved] = [$"'{approved}' is not yes/no (accepted: yes, no, true, false, y, n, 1, 0, approved, unapproved)."];
            }
        }

        if (fields.TryGetValue(DpaSigned, out var dpa))
        {
            if (ParseBool(dpa) is { } value)
            {
                input = input with { DpaSigned = value };
            }
            else
            {
                errors[DpaSigned] = [$"'{dpa}' is not yes/no (accepted: yes, no, true, false, y, n, 1, 0, signed, unsigned)."];
            }
        }

        if (fields.TryGetValue(RiskTier, out var tier) && !string.IsNullOrWhiteSpace(tier))
        {
            if (Enum.TryParse<RiskTier>(tier.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(tier, out _))
            {
                input = input with { RiskTier = parsed };
            }
            else
            {
                errors[RiskTier] = [$"'{tier}' is not a risk tier (low, medium, high, critical)."];
            }
        }

        input = ReadDate(input, fields, LastAssessmentOn, "last assessment", (i, d) => i with { LastAssessmentOn = d }, errors);
        input = ReadDate(input, fields, AssessmentDueOn, "assessment due", (i, d) => i with { AssessmentDueOn = d }, errors);
        if (input is { LastAssessmentOn: { } last, AssessmentDueOn: { } due } && due < last)
        {
            errors[AssessmentDueOn] = [$"The assessment due date {due:yyyy-MM-dd} is before the last assessment {last:yyyy-MM-dd}."];
        }

        if (fields.TryGetValue(Owner, out var owner))
        {
            input = input with { Owner = string.IsNullOrWhiteSpace(owner) ? null : owner.Trim() };
        }

        if (input.Owner is { Length: > 200 })
        {
            errors[Owner] = ["Owner is at most 200 characters."];
        }

        if (fields.TryGetValue(Notes, out var notes))
        {
            input = input with { Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim() };
        }

        if (input.Notes is { Length: > 4000 })
        {
            errors[Notes] = ["Notes are at most 4000 characters."];
        }

        if (matches is not null || fields.ContainsKey(Matches))
        {
            var rules = (matches ?? (fields[Matches] ?? string.Empty).Split([';', ',', '|', '\n', '\r']))
                .Select(m => m.Trim())
                .Where(m => m.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            input = input with { Matches = rules };
        }

        if (input.Matches.Count > 100 || input.Matches.Any(m => m.Length > 200))
        {
            errors[Matches] = ["At most 100 match rules of at most 200 characters each."];
        }

        return (errors.Count == 0 ? input : null, errors);
    }

    private static VendorInput ReadDate(
        VendorInput input, IReadOnlyDictionary<string, string?> fields, string field, string label, Func<VendorInput, DateOnly?, VendorInput> set, Dictionary<string, string[]> errors)
    {
        if (!fields.TryGetValue(field, out var text))
        {
            return input;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return set(input, null);
        }

        text = text.Trim();
        if (DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            return set(input, DateOnly.FromDateTime(date));
        }

        // xlsx stores dates as serial day numbers; a plain number in a date column is read as one.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
        {
            return set(input, DateOnly.FromDateTime(DateTime.FromOADate(serial)));
        }

        errors[field] = [$"'{text}' is not a {label} date (use yyyy-MM-dd)."];
        return input;
    }

    private static bool? ParseBool(string? text) =>
        (text?.Trim().ToLowerInvariant() ?? string.Empty) switch
        {
            "" or "no" or "n" or "false" or "0" or "unapproved" or "not approved" or "unsigned" or "not signed" or "-" => false,
            "yes" or "y" or "true" or "1" or "approved" or "signed" or "x" => true,
            _ => null,
        };
}
