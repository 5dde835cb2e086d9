using System.Threading.Channels;

namespace Central.Bot.Messaging;

/// <summary>
/// Wakes the workers when this instance queued something, so a message is picked up at once rather than at the
/// next poll. Messages queued by another instance are found by polling.
/// </summary>
public sealed class MessagingSignal
{
    private readonly Channel<bool> _inbox = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<bool> _outbox = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void InboxChanged() => _inbox.Writer.TryWrite(true);

    public void OutboxChanged() => _outbox.Writer.TryWrite(true);

    public Task WaitForInboxAsync(TimeSpan poll, CancellationToken cancellationToken) => WaitAsync(_inbox, poll, cancellationToken);

    public Task WaitForOutboxAsync(TimeSpan poll, CancellationToken cancellationToken) => WaitAsync(_outbox, poll, cancellationToken);

    private static async Task WaitAsync(Channel<bool> channel, TimeSpan poll, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(poll);
        try
        {
            await channel.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed: look anyway.
        }
    }
}
