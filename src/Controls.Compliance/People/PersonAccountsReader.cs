using Controls.Compliance.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Controls.Compliance.People;

/// <summary>Every account the platforms reported, tied to a person or not, and the systems whose accounts are unknown.</summary>
public sealed record PersonAccountsView(IReadOnlyList<ResolvedAccount> Accounts, IReadOnlyList<SystemAccounts> Unknown);

/// <summary>
/// Resolves the accounts of every account-yielding system's latest collection (<see cref="AccountInventory"/>)
/// against the whole directory, leavers included: a leaver's active account is exactly what a reader must see.
/// </summary>
public sealed class PersonAccountsReader(ControlsDbContext db, AccountInventory inventory)
{
    public async Task<PersonAccountsView> ReadAsync(CancellationToken cancellationToken)
    {
        var people = (await db.People.AsNoTracking().ToListAsync(cancellationToken)).Select(p => p.ToPerson()).ToList();
        var systems = await inventory.ReadAllAsync(cancellationToken);
        var known = systems.Where(s => s.State == AccountListState.Known).SelectMany(s => s.Accounts);
        return new PersonAccountsView(PersonDirectory.Resolve(people, known), [.. systems.Where(s => s.State != AccountListState.Known)]);
    }
}
