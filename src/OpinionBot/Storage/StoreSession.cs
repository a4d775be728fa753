using OpinionBot.People;
using OpinionBot.Storage.Stores;

namespace OpinionBot.Storage;

/// <summary>
/// The unit of work's view of storage: every feature store, all in one transaction, handed to the work passed to
/// <see cref="OpinionDatabase.Write{T}(Func{StoreSession, T})"/> or <see cref="OpinionDatabase.Read{T}(Func{StoreSession, T})"/>.
/// The stores stop working when the session ends, so the locking rule is the API's, not a comment's.
/// </summary>
public sealed class StoreSession
{
    private readonly IEngineTransaction _transaction;
    private readonly Dictionary<Type, object> _stores = [];

    internal StoreSession(IEngineTransaction transaction, bool write)
    {
        _transaction = transaction;
        IsWrite = write;
    }

    /// <summary>False inside <see cref="OpinionDatabase.Read{T}(Func{StoreSession, T})"/>: the stores may not change anything.</summary>
    public bool IsWrite { get; }

    public ICounterStore Counters => Store(() => new CounterStore(Table<Counter>(Tables.Counters)));

    public IFileStore Files => _transaction.Files;

    // Feature stores, one line each (alphabetical, so parallel changes rarely touch the same line).
    public Chat.ICardStore Cards => Store(() => new CardStore(Table<Chat.CardPlacement>(Tables.Cards)));
    public Chat.IChatStore Chats => Store(() => new ChatStore(Table<Chat.LostChat>(Tables.LostChats), Table<Chat.ChatMove>(Tables.ChatMoves), Table<Chat.ChatSetting>(Tables.ChatSettings)));
    public Chat.IDigestStore Digests => Store(() => new DigestStore(Table<Chat.DigestRecord>(Tables.Digests)));
    public Duty.IDutyStore Duty => Store(() => new DutyStore(Table<Duty.DutyShift>(Tables.DutyShifts), Table<Duty.DutyRotation>(Tables.DutyRotations)));
    public Reports.IEvidenceRecordStore Evidence => Store(() => new EvidenceRecordStore(Table<Reports.EvidenceRecord>(Tables.Evidence)));
    public Sources.IFetchValidatorStore FetchValidators => Store(() => new FetchValidatorStore(Table<Sources.StoredValidators>(Tables.FetchValidators)));
    public Scheduling.IHeightenedPeriodStore HeightenedPeriods => Store(() => new HeightenedPeriodStore(Table<Scheduling.HeightenedPeriod>(Tables.HeightenedPeriods)));
    public Incidents.IIncidentStore Incidents => Store(() => new IncidentStore(Table<Incidents.Incident>(Tables.Incidents), Table<UnclosedIncident>(Tables.UnclosedIncidents)));
    public Chat.IOutboxStore Outbox => Store(() => new OutboxStore(Table<Chat.OutboxMessage>(Tables.Outbox), NoteOutboxChange));
    public IPeopleStore People => Store(() => new PeopleStore(Table<Person>(Tables.People), Table<TeamMember>(Tables.Members)));
    public Sources.ISeenItemStore SeenItems => Store(() => new SeenItemStore(Table<Sources.SeenItem>(Tables.SeenItems)));
    public Sources.ISourceCatalogStore SourceCatalog => Store(() => new SourceCatalogStore(Table<Sources.StoredSource>(Tables.StoredSources)));
    public Sources.ISourceHealthStore SourceHealth => Store(() => new SourceHealthStore(Table<Sources.SourceHealth>(Tables.SourceHealth)));
    public Matching.ITopicCatalogStore TopicCatalog => Store(() => new TopicCatalogStore(Table<Matching.StoredTopic>(Tables.StoredTopics)));
    public Matching.IWatchedStoryStore WatchedStories => Store(() => new WatchedStoryStore(Table<Matching.WatchedStory>(Tables.WatchedStories)));

    internal bool OutboxTouched { get; private set; }

    /// <summary>The outbox store calls this when it queues a message, so the sender wakes once per transaction.</summary>
    internal void NoteOutboxChange()
    {
        OutboxTouched = true;
        _transaction.NoteOutboxChange();
    }

    internal IDocumentTable<T> Table<T>(TableDefinition table)
        where T : class => _transaction.Table<T>(table);

    private TStore Store<TStore>(Func<TStore> create)
        where TStore : class
    {
        if (!_stores.TryGetValue(typeof(TStore), out var store))
        {
            store = create();
            _stores[typeof(TStore)] = store;
        }

        return (TStore)store;
    }
}
