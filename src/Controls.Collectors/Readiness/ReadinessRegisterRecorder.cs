using Controls.Collectors.Registers;
using Controls.Compliance.Readiness;

namespace Controls.Collectors.Readiness;

/// <summary>Collects the workspace's readiness register system (created on first use) right after a change.</summary>
public sealed class ReadinessRegisterRecorder(RegisterSystems registers) : IReadinessRegister
{
    public Task RecordAsync(CancellationToken cancellationToken) =>
        registers.CollectAsync(ReadinessRegisterSystem.System, ReadinessRegisterSystem.TriggerAfterChange, cancellationToken);
}
