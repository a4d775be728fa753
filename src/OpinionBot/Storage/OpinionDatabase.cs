using LiteDB;
using OpinionBot.Chat;
using OpinionBot.Duty;
using OpinionBot.Incidents;
using OpinionBot.Matching;
using OpinionBot.Reports;
using OpinionBot.Scheduling;
using OpinionBot.Sources;

namespace OpinionBot.Storage;

/// <summary>
/// The one LiteDB file that holds all state. Owns the mapping, the indexes and the transactions;
/// features read and write the typed collections it exposes.
/// </summary>
public sealed class OpinionDatabase : IDisposable
{
    // LiteDB 5 transactions belong to the calling thread, so a write runs synchronously under this lock.
    private readonly Lock _writeLock = new();
    private readonly LiteDatabase _db;
    private readonly string _path;

    // Nesting depth of Write on the thread holding the lock (only that thread reads or writes it).
    private int _depth;

    // Set by the outbox inside the current transaction (only the thread holding the lock touches it).
    private bool _outboxTouched;
    private long _outboxVersion;
    private long _commits;

    public OpinionDatabase(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _path = path;
        _db = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct }, CreateMapper());
        Incidents = _db.GetCollection<Incident>("incidents");
        SeenItems = _db.GetCollection<SeenItem>("seen_items");
        Outbox = _db.GetCollection<OutboxMessage>("outbox");
        Cards = _db.GetCollection<CardPlacement>("cards");
        Counters = _db.GetCollection<Counter>("counters");
        People = _db.GetCollection<Person>("people");
        SourceHealth = _db.GetCollection<SourceHealth>("source_health");
        FetchValidators = _db.GetCollection<StoredValidators>("fetch_validators");
        HeightenedPeriods = _db.GetCollection<Scheduling.HeightenedPeriod>("heightened_periods");
        WatchedStories = _db.GetCollection<WatchedStory>("watched_stories");
        Evidence = _db.GetCollection<EvidenceRecord>("evidence");
        Members = _db.GetCollection<TeamMember>("members");
        ChatSettings = _db.GetCollection<ChatSetting>("chat_settings");
        DutyShifts = _db.GetCollection<DutyShift>("duty_shifts");
        DutyRotations = _db.GetCollection<DutyRotation>("duty_rotations");
        StoredSources = _db.GetCollection<StoredSource>("catalog_sources");
        StoredTopics = _db.GetCollection<StoredTopic>("catalog_topics");
        LostChats = _db.GetCollection<LostChat>("lost_chats");
        ChatMoves = _db.GetCollection<ChatMove>("chat_moves");
        Digests = _db.GetCollection<DigestRecord>("digests");

        Incidents.EnsureIndex(x => x.Number, unique: true);
        Incidents.EnsureIndex(x => x.Status);
        Outbox.EnsureIndex(x => x.DeliveredAt);
        Cards.EnsureIndex(x => x.IncidentId);
        WatchedStories.EnsureIndex(x => x.Expires);
        Evidence.EnsureIndex(x => x.IncidentNumber);
        Members.EnsureIndex(x => x.Role);
        DutyShifts.EnsureIndex(x => x.End);
    }

    public ILiteCollection<Incident> Incidents { get; }
    public ILiteCollection<SeenItem> SeenItems { get; }
    public ILiteCollection<OutboxMessage> Outbox { get; }
    public ILiteCollection<CardPlacement> Cards { get; }
    public ILiteCollection<Counter> Counters { get; }
    public ILiteCollection<Person> People { get; }
    public ILiteCollection<SourceHealth> SourceHealth { get; }
    public ILiteCollection<StoredValidators> FetchValidators { get; }
    public ILiteCollection<Scheduling.HeightenedPeriod> HeightenedPeriods { get; }
    public ILiteCollection<WatchedStory> WatchedStories { get; }
    public ILiteCollection<EvidenceRecord> Evidence { get; }

    /// <summary>Members and roles set from the chat (<c>/members</c>), on top of <c>Access</c>.</summary>
    public ILiteCollection<TeamMember> Members { get; }

    /// <summary>Per-chat settings such as the language (<c>/lang</c>).</summary>
    public ILiteCollection<ChatSetting> ChatSettings { get; }

    /// <summary>The duty roster (值班): explicit shifts and the rotation (<c>/oncall</c>).</summary>
    public ILiteCollection<DutyShift> DutyShifts { get; }
    public ILiteCollection<DutyRotation> DutyRotations { get; }

    /// <summary>Sources and topics added, changed or removed from the chat, over the configured ones (see SourceCatalog, TopicCatalog).</summary>
    public ILiteCollection<StoredSource> StoredSources { get; }
    public ILiteCollection<StoredTopic> StoredTopics { get; }

    /// <summary>Chats the bot was removed from or blocked in (403), until it is back (see <see cref="Chat.LostChats"/>).</summary>
    public ILiteCollection<LostChat> LostChats { get; }

    /// <summary>Groups upgraded to supergroups: old id to new id, applied over the configured ids (see <see cref="Chat.ChatMoves"/>).</summary>
    public ILiteCollection<ChatMove> ChatMoves { get; }

    /// <summary>Digest cards sent in storms, for paging them and opening their incidents.</summary>
    public ILiteCollection<DigestRecord> Digests { get; }

    /// <summary>When each source was last checked and whether it worked.</summary>

    /// <summary>LiteDB file storage, for evidence and generated documents.</summary>
    public ILiteStorage<string> Files => _db.FileStorage;

    /// <summary>
    /// Raised once after each committed transaction that queued outbox messages, so the sender wakes once per batch
    /// (a check's whole intake is one transaction), not on every write.
    /// </summary>
    public event Action? OutboxChanged;

    /// <summary>Goes up by one with every committed transaction that queued outbox messages: a cheap "anything new?".</summary>
    public long OutboxVersion => Interlocked.Read(ref _outboxVersion);

    /// <summary>Transactions committed since the file was opened (each one is a flush to disk, the costly part of a write).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>The outbox calls this when it queues a message inside <see cref="Write{T}"/>.</summary>
    public void NoteOutboxChange() => _outboxTouched = true;

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: all of its writes land, or none do. A write inside a write
    /// joins the outer transaction, so callers can combine a state change with marking an update as handled.
    /// </summary>
    public T Write<T>(Func<T> work)
    {
        T result;
        bool touched;
        lock (_writeLock)
        {
            if (_depth > 0)
            {
                _depth++;
                try
                {
                    return work();
                }
                finally
                {
                    _depth--;
                }
            }

            _depth = 1;
            _outboxTouched = false;
            _db.BeginTrans();
            try
            {
                result = work();
                _db.Commit();
                Interlocked.Increment(ref _commits);
            }
            catch
            {
                _db.Rollback();
                _outboxTouched = false;
                throw;
            }
            finally
            {
                _depth = 0;
            }

            touched = _outboxTouched;
            _outboxTouched = false;
            if (touched)
            {
                Interlocked.Increment(ref _outboxVersion);
            }
        }

        if (touched)
        {
            OutboxChanged?.Invoke();
        }

        return result;
    }

    public void Write(Action work) => Write(() => { work(); return 0; });

    /// <summary>
    /// Runs a read under the same lock as writes. Background loops read this way so they never see LiteDB pages while
    /// another thread's transaction is half-way (LiteDB 5's engine is not reliable there); materialise results inside.
    /// </summary>
    public T Read<T>(Func<T> work)
    {
        lock (_writeLock)
        {
            return work();
        }
    }

    /// <summary>Next value of a named sequence (e.g. incident numbers per year). Call inside <see cref="Write{T}"/>.</summary>
    public long NextValue(string name)
    {
        var counter = Counters.FindById(name) ?? new Counter { Id = name };
        counter.Value++;
        Counters.Upsert(counter);
        return counter.Value;
    }

    public long GetValue(string name) => Read(() => Counters.FindById(name)?.Value ?? 0);

    public void SetValue(string name, long value) => Counters.Upsert(new Counter { Id = name, Value = value });


    /// <summary>
    /// Copies the database to <paramref name="target"/> as one consistent file: under the write lock, a checkpoint moves
    /// every committed page from the <c>-log.db</c> file into the main file, which is then copied. Copying the main file
    /// of a running bot without this loses whatever still sits in the log. Call outside any <see cref="Write{T}"/>.
    /// </summary>
    public void CopyTo(string target)
    {
        lock (_writeLock)
        {
            if (_depth > 0)
            {
                throw new InvalidOperationException("A backup cannot run inside a transaction.");
            }

            _db.Checkpoint();
            File.Copy(_path, target, overwrite: false);
        }
    }

    public void Dispose() => _db.Dispose();

    private static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper();
        // Ticks keep full precision and need no time-zone guessing when read back.
        mapper.RegisterType<DateTimeOffset>(
            value => new BsonValue(value.UtcTicks),
            bson => new DateTimeOffset(bson.AsInt64, TimeSpan.Zero));
        mapper.EnumAsInteger = false;
        // LiteDB turns "" into null and trims strings by default; the model relies on neither.
        mapper.EmptyStringToNull = false;
        mapper.TrimWhitespace = false;
        return mapper;
    }
}

/// <summary>A named sequence or stored number (last update id, incident numbers).</summary>
public sealed class Counter
{
    public string Id { get; set; } = "";
    public long Value { get; set; }
}
