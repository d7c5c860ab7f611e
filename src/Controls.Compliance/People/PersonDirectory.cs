namespace Controls.Compliance.People;

/// <summary>A person as the organisation knows them (HR or the LMS), with the aliases their accounts go by.</summary>
/// <param name="Key">A stable key for the person: their primary e-mail unless the organisation uses employee ids.</param>
/// <param name="Aliases">Other e-mails and login aliases ("github:octocat", "magento:jdoe").</param>
public sealed record Person(
    string Key,
    string Name,
    string PrimaryEmail,
    string? Team,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Surfaces,
    DateOnly? StartedOn,
    IReadOnlyList<string> Aliases);

/// <summary>Why an account could not be tied to one person.</summary>
public enum ResolutionProblem
{
    None,
    NoMatchingPerson,
    MatchesSeveralPeople,
}

public sealed record ResolvedAccount(PlatformAccount Account, Person? Person, string? MatchedBy, ResolutionProblem Problem);

/// <summary>
/// Ties platform accounts to people, so one person with a Shopify staff account, a GitHub login and a Magento admin
/// is one person. An explicit login alias wins over e-mail; e-mails compare case-insensitively with plus-addressing
/// removed (jane+shopify@acme.com is jane@acme.com). An account two people could claim is reported, never guessed.
/// </summary>
public static class PersonDirectory
{
    public static IReadOnlyList<ResolvedAccount> Resolve(IReadOnlyList<Person> people, IEnumerable<PlatformAccount> accounts)
    {
        var byAlias = new Dictionary<string, List<Person>>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            foreach (var key in KeysOf(person).Distinct(StringComparer.Ordinal))
            {
                if (!byAlias.TryGetValue(key, out var list))
                {
                    byAlias[key] = list = [];
                }

                list.Add(person);
            }
        }

        var resolved = new List<ResolvedAccount>();
        foreach (var account in accounts)
        {
            resolved.Add(Match(account, byAlias));
        }

        return resolved;
    }

    /// <summary>Normalises an e-mail for matching: trimmed, lower-case, "+tag" removed from the local part.</summary>
    public static string? NormaliseEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }

        var trimmed = email.Trim().ToLowerInvariant();
        var at = trimmed.LastIndexOf('@');
        var local = trimmed[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        return (plus > 0 ? local[..plus] : local) + trimmed[at..];
    }

    private static ResolvedAccount Match(PlatformAccount account, Dictionary<string, List<Person>> byAlias)
    {
        if (byAlias.TryGetValue(account.LoginAlias, out var byLogin))
        {
            return Single(account, byLogin, account.LoginAlias);
        }

        if (NormaliseEmail(account.Email) is { } email && byAlias.TryGetValue("email:" + email, out var byEmail))
        {
            return Single(account, byEmail, email);
        }

        return new ResolvedAccount(account, null, null, ResolutionProblem.NoMatchingPerson);
    }

    private static ResolvedAccount Single(PlatformAccount account, List<Person> candidates, string matchedBy) =>
        candidates.Count == 1
            ? new ResolvedAccount(account, candidates[0], matchedBy, ResolutionProblem.None)
            : new ResolvedAccount(account, null, matchedBy, ResolutionProblem.MatchesSeveralPeople);

    private static IEnumerable<string> KeysOf(Person person)
    {
        if (NormaliseEmail(person.PrimaryEmail) is { } primary)
        {
            yield return "email:" + primary;
        }

        foreach (var alias in person.Aliases)
        {
            if (NormaliseEmail(alias) is { } email)
            {
                yield return "email:" + email;
            }
            else if (alias.Contains(':', StringComparison.Ordinal))
            {
                yield return alias.Trim().ToLowerInvariant();
            }
        }
    }
}
