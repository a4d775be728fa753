using System.Collections.Concurrent;
using OpinionBot.Reports.Documents;

namespace OpinionBot.Chat;

/// <summary>
/// The files the sender has made for outbox messages that carry a <see cref="DocumentOrder"/>. Making runs on the thread
/// pool, off the sender's loop: other chats go on while a year's ledger is built, and the message's own chat waits for
/// it, so its order holds. Made files are kept in memory until their message is delivered; after a restart the orders
/// are still in the outbox and the files are made again.
/// </summary>
public sealed class FileMaking(DocumentMaker maker, ILogger<FileMaking> logger)
{
    private readonly ConcurrentDictionary<long, Task<MadeFiles>> _files = new();

    /// <summary>Raised when a message's files are made (or failed): the sender looks again.</summary>
    public event Action? Made;

    /// <summary>The files of this message: started on the first call, the same task after that.</summary>
    public Task<MadeFiles> Of(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _files.GetOrAdd(message.Id, _ => Task.Run(() =>
        {
            try
            {
                return Make(message);
            }
            finally
            {
                Made?.Invoke();
            }
        }));
    }

    private MadeFiles Make(OutboxMessage message)
    {
        if (message.Document is { } order)
        {
            return new MadeFiles(Make(message, order, message.FileName), null);
        }

        // An album's photo that cannot be made (a screenshot that no longer decodes) is left out, said in the log: the
        // others still go, and the full file follows as a document whose caption tells whether it is intact.
        var album = new List<MadeDocument?>();
        foreach (var item in message.Media ?? [])
        {
            if (item.Document is null)
            {
                album.Add(null);
                continue;
            }

            try
            {
                album.Add(Make(message, item.Document, item.FileName));
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException)
            {
                logger.LogWarning(ex, "Left {FileName} out of the album of outbox message {Id}: it could not be made", item.FileName, message.Id);
                album.Add(null);
            }
        }

        return new MadeFiles(null, album);
    }

    private MadeDocument Make(OutboxMessage message, DocumentOrder order, string? fileName)
    {
        var started = Environment.TickCount64;
        var made = maker.Make(order);
        logger.LogInformation("Made {Kind} {FileName} ({Bytes} bytes) for outbox message {Id} in {Ms} ms",
            order.Kind, fileName, made.Content.Length, message.Id, Environment.TickCount64 - started);
        return made;
    }

    /// <summary>Drops the files of a message delivered or given up, or to be made again.</summary>
    public void Forget(long messageId) => _files.TryRemove(messageId, out _);

    /// <summary>Drops the files of messages no longer waiting (rerouted and given up elsewhere).</summary>
    public void KeepOnly(IReadOnlySet<long> waiting)
    {
        foreach (var id in _files.Keys.Where(id => !waiting.Contains(id)))
        {
            Forget(id);
        }
    }
}

/// <summary>
/// What was made for one message: its file, or for an album one entry per photo (null for a photo uploaded beforehand,
/// or one left out because it could not be made).
/// </summary>
public sealed record MadeFiles(MadeDocument? File, IReadOnlyList<MadeDocument?>? Album);
