using System.Text.Json;
using Central.Data.Messaging;

namespace Central.Dialogs.Cases.Intake;

/// <summary>
/// Tells the Protection Unit at once about an urgent case (the host delivers it, e.g. to a webhook), through the
/// outbox so an alert survives a crash and an outage. No personal data: the case number and why it is urgent.
/// </summary>
public sealed class UrgentAlerts(OutboxStore outbox, TimeProvider time)
{
    public const string Channel = "alerts";

    public async Task RaiseAsync(string caseNumber, IReadOnlyList<string> categories, string? place, IReadOnlyList<string> reasons, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(new { caseNumber, categories, place, reasons, openedAt = time.GetUtcNow() });
        await outbox.EnqueueAsync([new OutboxMessage(Channel, $"alert:{caseNumber}", Channel, payload)], cancellationToken);
    }
}
