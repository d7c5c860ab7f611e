using System.Globalization;
using Controls.Compliance.Evaluation;

namespace Controls.Collectors.Incidents.Checks;

/// <summary>incidents.notifications-on-time: no notification past its deadline undone, none made late in the audit period.</summary>
public sealed class NotificationsOnTimeEvaluator : ICheckEvaluator
{
    public string CheckId => "incidents.notifications-on-time";

    public IReadOnlyCollection<string> EvidenceKinds { get; } = [IncidentRegister.EvidenceKind];

    public CheckVerdict Evaluate(EvidenceSnapshot evidence, CheckParameters parameters)
    {
        var item = evidence.OfKind(IncidentRegister.EvidenceKind).FirstOrDefault(i => i.Outcome == Compliance.Evidence.EvidenceOutcome.Collected)
            ?? throw new InvalidOperationException("The run recorded no incidents.register evidence.");
        var register = item.Read<IncidentRegisterEvidence>();

        // Judged when the register was collected: the check is as current as its hourly collection.
        var now = item.CollectedAt;
        var lookback = TimeSpan.FromDays(parameters.GetInt("lateLookbackDays"));
        var findings = new List<FindingDraft>();
        var owed = 0;
        foreach (var incident in register.Incidents)
        {
            foreach (var n in incident.Notifications.Where(n => n.DueAt is not null))
            {
                owed++;
                var resource = $"incidents/{incident.Id}/{n.RegimeId}/{n.DeadlineId}";
                var what = $"incident #{incident.Id} '{incident.Title}': {n.Notify} ({n.RegimeTitle}, {n.Rule})";
                var target = n.InternalTarget ? " internal target" : " deadline";
                if (n.DoneAt is null && n.DueAt < now)
                {
                    findings.Add(new FindingDraft(resource, $"{what} overdue: the{target} was {Format(n.DueAt!.Value)} and it is not recorded as done"));
                }
                else if (n.DoneAt > n.DueAt && now - incident.DeclaredAt <= lookback)
                {
                    findings.Add(new FindingDraft(resource,
                        $"{what} made late: {Format(n.DoneAt!.Value)} by {n.DoneBy}, {Hours(n.DoneAt.Value - n.DueAt!.Value)} after the{target} {Format(n.DueAt.Value)}"));
                }
            }
        }

        return CheckVerdict.FromFindings(
            findings,
            register.Incidents.Count == 0
                ? "No incidents declared."
                : $"{register.Incidents.Count} incident(s), {owed} notification deadline(s): none overdue or late.",
            $"{findings.Count} notification(s) overdue or late across {register.Incidents.Count} incident(s).");
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Hours(TimeSpan late) => late.TotalHours < 48 ? $"{late.TotalHours:0.#} h" : $"{late.TotalDays:0.#} days";
}
