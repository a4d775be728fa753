using Microsoft.Extensions.Options;
using OpinionBot.Settings;
using OpinionBot.Storage;

namespace OpinionBot.Chat;

/// <summary>A group that Telegram upgraded to a supergroup: its old id and the one it has now.</summary>
public sealed class ChatMove
{
    /// <summary>The old chat id.</summary>
    public long Id { get; set; }
    public long NewId { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// Applies the stored moves over the configured chat ids, so <c>Chats</c> and <c>Departments</c> from the settings keep
/// working after an upgrade, also after a restart, until someone writes the new id into the settings (then no move
/// matches any more and the settings speak alone).
/// </summary>
/// <remarks>
/// The moves are kept in memory: options are built inside the options cache's <see cref="Lazy{T}"/>, and waiting there
/// for the database lock deadlocks with a thread that holds the lock and reads the same options (a migration being
/// followed, the outbox sender). Only <see cref="Reload"/> reads the database.
/// </remarks>
public sealed class ChatMoves : IPostConfigureOptions<ChatsOptions>, IPostConfigureOptions<MonitoringOptions>
{
    private readonly OpinionDatabase _db;
    private volatile Dictionary<long, long> _moves;

    public ChatMoves(OpinionDatabase db)
    {
        _db = db;
        _moves = Load();
    }

    /// <summary>Reads the stored moves again; inside a write it sees that write's own changes.</summary>
    public void Reload() => _moves = Load();

    public void PostConfigure(string? name, ChatsOptions options)
    {
        var moves = _moves;
        options.Team = Follow(moves, options.Team);
        options.Leadership = Follow(moves, options.Leadership);
        options.Supervisors = Follow(moves, options.Supervisors);
    }

    public void PostConfigure(string? name, MonitoringOptions options)
    {
        var moves = _moves;
        foreach (var department in options.Departments)
        {
            department.Chat = Follow(moves, department.Chat);
        }
    }

    /// <summary>The id a chat has now (the same id when it never moved).</summary>
    public long Current(long chatId) => Follow(_moves, chatId);

    private Dictionary<long, long> Load() => _db.Read(s => s.Chats.Moves().ToDictionary(m => m.Id, m => m.NewId));

    private static long Follow(Dictionary<long, long> moves, long chatId)
    {
        // A chain (group → supergroup, then moved again) is followed to its end; a loop cannot hang the lookup.
        for (var hops = 0; hops < 8 && chatId != 0 && moves.TryGetValue(chatId, out var next); hops++)
        {
            chatId = next;
        }

        return chatId;
    }
}
