using System.Globalization;
using Controls.Compliance.People;
using Controls.Compliance.Training;
using Controls.Web.Workspaces;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Controls.Web.Pages.People;

/// <summary>The people directory: who each person is, the logins and e-mails their accounts go by, and their training state.</summary>
public sealed class IndexModel(TrainingStatusReader reader, PersonAccountsReader accounts, CurrentWorkspace current) : PageModel
{
    public CurrentWorkspace Current => current;

    public TrainingStatus Status { get; private set; } = new(default, [], [], []);

    public PersonAccountsView Accounts { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Status = await reader.ReadAsync(cancellationToken);
        Accounts = await accounts.ReadAsync(cancellationToken);
    }

    public IEnumerable<ResolvedAccount> AccountsOf(PersonEntry person) =>
        Accounts.Accounts.Where(a => a.Person is { } p && string.Equals(p.Key, person.Key, StringComparison.OrdinalIgnoreCase))
            .OrderBy(a => a.Account.SystemKind, StringComparer.Ordinal).ThenBy(a => a.Account.Login, StringComparer.OrdinalIgnoreCase);

    /// <summary>Accounts no one (or more than one person) in the directory can be tied to, privileged first.</summary>
    public IEnumerable<ResolvedAccount> Unclaimed =>
        Accounts.Accounts.Where(a => a.Problem != ResolutionProblem.None)
            .OrderByDescending(a => a.Account.Privileged && a.Account.Active).ThenBy(a => a.Account.SystemName, StringComparer.Ordinal).ThenBy(a => a.Account.Login, StringComparer.OrdinalIgnoreCase);

    public static string Describe(PlatformAccount account) =>
        $"{account.SystemKind} {account.SystemName}: {account.Login} ({account.Role}{(account.Privileged ? ", privileged" : "")}{(account.Active ? "" : ", inactive")})";

    public bool HasLeft(PersonEntry person) => person.LeftOn is { } left && left <= Status.Today;

    public IReadOnlyList<TrainingAssignment> AssignmentsOf(PersonEntry person) =>
        [.. Status.Assignments.Where(a => string.Equals(a.Person.Key, person.Key, StringComparison.OrdinalIgnoreCase)).OrderBy(a => a.State).ThenBy(a => a.Module.Title, StringComparer.Ordinal)];

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string Describe(TrainingAssignment a) => a.State switch
    {
        TrainingState.Current => $"{a.Module.Title}: current (until {Day(a.DueOn)})",
        TrainingState.InGrace => $"{a.Module.Title}: joiner, due by {Day(a.DueOn)}",
        TrainingState.Expired => $"{a.Module.Title}: EXPIRED on {Day(a.DueOn)}",
        _ => $"{a.Module.Title}: NEVER trained",
    };
}
