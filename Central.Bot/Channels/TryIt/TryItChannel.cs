using System.Text.Json;
using Central.Bot.Messaging;
using Central.Dialogs.Conversation;

namespace Central.Bot.Channels.TryIt;

/// <summary>The try-it page as a channel: replies go through the same outbox as Messenger's and land in the page's mailbox.</summary>
public sealed class TryItChannel(TryItMailbox mailbox) : IReplyChannel
{
    public const string ChannelName = "tryit";

    public string Name => ChannelName;

    public IReadOnlyList<string> Prepare(Delivery delivery) => [JsonSerializer.Serialize(new Outgoing(delivery.Address, delivery.Message), InboxWorker.Json)];

    public Task<SendResult> SendAsync(string payload, string idempotencyKey, CancellationToken cancellationToken)
    {
        var outgoing = JsonSerializer.Deserialize<Outgoing>(payload, InboxWorker.Json)!;
        mailbox.Deliver(outgoing.Address, outgoing.Message);
        return Task.FromResult(SendResult.Ok);
    }

    public Task SendTypingAsync(string address, CancellationToken cancellationToken) => Task.CompletedTask;

    private sealed record Outgoing(string Address, OutgoingMessage Message);
}
