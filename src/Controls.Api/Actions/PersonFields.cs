using Controls.Compliance.People;

namespace Controls.Api.Actions;

/// <summary>A validated person, as the API or an HR import writes it.</summary>
public sealed record PersonInput(
    string Key,
    string Name,
    string PrimaryEmail,
    string? Team,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Surfaces,
    IReadOnlyList<string> Aliases,
    DateOnly? StartedOn,
    DateOnly? LeftOn)
{
    public void ApplyTo(PersonEntry person, DateTime now, string caller)
    {
        person.Name = Name;
        person.PrimaryEmail = PrimaryEmail;
        person.Team = Team;
        person.Roles = [.. Roles];
        person.Surfaces = [.. Surfaces];
        person.Aliases = [.. Aliases];
        person.StartedOn = StartedOn;
        person.LeftOn = LeftOn;
        person.UpdatedAt = now;
        person.UpdatedBy = caller;
    }

    public static PersonInput From(PersonEntry p) => new(p.Key, p.Name, p.PrimaryEmail, p.Team, p.Roles, p.Surfaces, p.Aliases, p.StartedOn, p.LeftOn);
}

/// <summary>
/// Turns the text fields of a person (JSON, or a row of an HR export) into a validated <see cref="PersonInput"/>.
/// Fields left out keep the baseline's value, so a PUT or an import with fewer columns never blanks the others.
/// </summary>
public static class PersonFields
{
    public const string Key = "key";
    public const string Email = "email";
    public const string Name = "name";
    public const string Team = "team";
    public const string Roles = "roles";
    public const string Surfaces = "surfaces";
    public const string Aliases = "aliases";
    public const string StartedOn = "startedOn";
    public const string LeftOn = "leftOn";

    public static readonly PersonInput NewPerson = new(string.Empty, string.Empty, string.Empty, null, [], [], [], null, null);

    /// <summary>The HR export's columns and the header spellings recognised without a chosen mapping.</summary>
    public static readonly IReadOnlyList<ImportField> ImportFields =
    [
        new(Key, false, "key", "personkey", "employeeid", "employeenumber", "staffid", "id"),
        new(Email, true, "email", "emailaddress", "workemail", "primaryemail", "useremail", "mail"),
        new(Name, true, "name", "fullname", "displayname", "employeename", "employee"),
        new(Team, false, "team", "department", "dept", "group"),
        new(Roles, false, "roles", "role", "jobroles", "trainingroles"),
        new(Surfaces, false, "surfaces", "surface", "areas"),
        new(Aliases, false, "aliases", "alias", "logins", "accounts", "otheremails"),
        new(StartedOn, false, "startedon", "startdate", "started", "hiredate", "joined", "joinedon"),
        new(LeftOn, false, "lefton", "enddate", "left", "leavingdate", "terminationdate", "leftdate"),
    ];

    private static readonly char[] ListSeparators = [';', ',', '|', '\n'];

    public static IReadOnlyList<string> SplitList(string? text) =>
        [.. (text ?? string.Empty).Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <param name="fields">Present text fields by name; lists are ';', ',' or '|' separated.</param>
    public static (PersonInput? Input, Dictionary<string, string[]> Errors) Read(PersonInput baseline, IReadOnlyDictionary<string, string?> fields, bool spreadsheet = false)
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

        if (fields.TryGetValue(Email, out var email))
        {
            input = input with { PrimaryEmail = email?.Trim() ?? string.Empty };
        }

        if (PersonDirectory.NormaliseEmail(input.PrimaryEmail) is null || input.PrimaryEmail.Length > 320 || input.PrimaryEmail.Contains(' ', StringComparison.Ordinal))
        {
            errors[Email] = [$"'{input.PrimaryEmail}' is not an e-mail address; the primary e-mail is required."];
        }

        if (fields.TryGetValue(Key, out var key) && !string.IsNullOrWhiteSpace(key))
        {
            if (baseline.Key.Length > 0 && !string.Equals(baseline.Key, key.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                errors[Key] = [$"The key of '{baseline.Key}' cannot be changed (it ties completions to the person)."];
            }
            else
            {
                input = input with { Key = baseline.Key.Length > 0 ? baseline.Key : key.Trim() };
            }
        }

        if (input.Key.Length == 0 && PersonDirectory.NormaliseEmail(input.PrimaryEmail) is { } normalised)
        {
            input = input with { Key = normalised };
        }

        if (input.Key.Length > 320)
        {
            errors[Key] = ["The key is at most 320 characters."];
        }

        if (fields.TryGetValue(Team, out var team))
        {
            input = input with { Team = string.IsNullOrWhiteSpace(team) ? null : team.Trim() };
        }

        if (fields.TryGetValue(Roles, out var roles))
        {
            input = input with { Roles = [.. SplitList(roles).Select(r => r.ToLowerInvariant())] };
        }

        if (fields.TryGetValue(Surfaces, out var surfaces))
        {
            input = input with { Surfaces = [.. SplitList(surfaces).Select(s => s.ToLowerInvariant())] };
        }

        var unknown = input.Surfaces.Where(s => !Compliance.Catalog.Surfaces.All.Contains(s, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            errors[Surfaces] = [$"Unknown surface(s) {string.Join(", ", unknown)}; known: {string.Join(", ", Compliance.Catalog.Surfaces.All)}."];
        }

        if (fields.TryGetValue(Aliases, out var aliases))
        {
            input = input with { Aliases = [.. SplitList(aliases)] };
        }

        var badAliases = input.Aliases.Where(a => PersonDirectory.NormaliseEmail(a) is null && !IsLoginAlias(a)).ToList();
        if (badAliases.Count > 0)
        {
            errors[Aliases] = [$"Alias(es) {string.Join(", ", badAliases.Select(a => $"'{a}'"))} are neither e-mails nor platform logins written kind:login (github:octocat, shopify:jane@acme.com, magento:jdoe)."];
        }

        input = ReadDate(input, fields, StartedOn, spreadsheet, errors, (p, d) => p with { StartedOn = d });
        input = ReadDate(input, fields, LeftOn, spreadsheet, errors, (p, d) => p with { LeftOn = d });
        if (input.StartedOn is { } start && input.LeftOn is { } left && left < start)
        {
            errors[LeftOn] = [$"The leaving date {left:yyyy-MM-dd} is before the start date {start:yyyy-MM-dd}."];
        }

        return errors.Count == 0 ? (input, errors) : (null, errors);
    }

    private static bool IsLoginAlias(string alias)
    {
        var colon = alias.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon < alias.Length - 1 && !alias.Contains(' ', StringComparison.Ordinal);
    }

    private static PersonInput ReadDate(
        PersonInput input, IReadOnlyDictionary<string, string?> fields, string field, bool spreadsheet, Dictionary<string, string[]> errors, Func<PersonInput, DateOnly?, PersonInput> set)
    {
        if (!fields.TryGetValue(field, out var text))
        {
            return input;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return set(input, null);
        }

        if (ImportDates.TryParse(text, spreadsheet, out var date, out var error))
        {
            return set(input, date);
        }

        errors[field] = [error!];
        return input;
    }
}
