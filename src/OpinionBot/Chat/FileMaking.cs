using System.Collections.Concurrent;
using OpinionBot.Reports.Documents;

namespace OpinionBot.Chat;

/// <summary>
/// The files the sender has made for outbox messages that carry a <see cref="DocumentOrder"/>. Making runs on the thread
/// pool, off the sender's loop: other chats go on while a year's ledger is built, and the message's own chat waits for
/// it, so its order holds. A made file is kept in memory until its message is delivered; after a restart the order is
/// still in the outbox and the file is made again.
/// </summary>
public sealed class FileMaking(DocumentMaker maker, ILogger<FileMaking> logger)
{
    private readonly ConcurrentDictionary<long, Task<MadeDocument>> _files = new();

    /// <summary>Raised when a file is made (or failed): the sender looks again.</summary>
    public event Action? Made;

    /// <summary>The file of this message: started on the first call, the same task after that.</summary>
    public Task<MadeDocument> Of(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var order = message.Document ?? throw new ArgumentException("The message orders no file.", nameof(message));
        return _files.GetOrAdd(message.Id, id =>
        {
            return Task.Run(() =>
            {
                try
                {
                    var started = Environment.TickCount64;
                    var made = maker.Make(order);
                    logger.LogInformation("Made {Kind} {FileName} ({Bytes} bytes) for outbox message {Id} in {Ms} ms",
                        order.Kind, message.FileName, made.Content.Length, id, Environment.TickCount64 - started);
                    return made;
                }
                finally
                {
                    Made?.Invoke();
                }
            });
        });
    }

    /// <summary>Drops the file of a message delivered or given up, or one to be made again.</summary>
    public void Forget(long messageId) => _files.TryRemove(messageId, out _);

    /// <summary>Drops the files of messages no longer waiting (rerouted and given up elsewhere).</summary>
    public void KeepOnly(IReadOnlySet<long> waiting)
    {
        foreach (var id in _files.Keys.Where(id => !waiting.Contains(id)))
        {
            Forget(id);
        }
    }

    public int Count => _files.Count;
}
