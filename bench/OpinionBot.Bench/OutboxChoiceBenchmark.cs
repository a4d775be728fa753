using BenchmarkDotNet.Attributes;
using OpinionBot.Chat;
using OpinionBot.Incidents;
using OpinionBot.Storage;

namespace OpinionBot.Bench;

/// <summary>
/// The sender's bookkeeping for one chat with 20,000 messages waiting (a reminder flood on top of a burst of new cards):
/// for each message, what <c>OutboxSender.DrainChatsAsync</c> reads before it sends one (whether a failed message
/// holds the chat, the waiting new cards and reminders, when <see cref="Flooded"/> the held cards and reminders whose
/// digest and summary are not due yet, the next message in <see cref="DeliveryOrder"/>), then the message leaves the
/// queue. Nothing is sent and nothing folded: only the choosing. Not flooded, every message is chosen in turn; flooded,
/// the ordinary new cards and the reminders are held, and the 2,000 plain notices among them are chosen. The waiting
/// messages are read from a LiteDB file once per iteration (not measured).
/// </summary>
[MemoryDiagnoser]
// BenchmarkDotNet owns the lifetime: GlobalCleanup disposes the database.
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "disposed in GlobalCleanup")]
public class OutboxChoiceBenchmark
{
    private const long Chat = -100200;
    private string _folder = "";
    private OpinionDatabase _db = null!;
    private WaitingMessages _queue = null!;

    [Params(20_000)]
    public int Waiting { get; set; }

    [Params(false, true)]
    public bool Flooded { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("opinionbot-bench-outbox").FullName;
        _db = StorageEngines.OpenDatabase(new StorageOptions { Path = Path.Combine(_folder, "outbox.db") });
        var outbox = new Outbox(_db, TimeProvider.System);
        var cards = Waiting / 5;
        _db.Write(_ =>
        {
            // Half reminders about incidents whose cards went long ago, a fifth new ordinary cards, a fifth edits of them,
            // a tenth plain notices.
            for (var i = 0; i < Waiting / 2; i++)
            {
                var incident = 1_000_000 + i;
                outbox.Notify(Chat, "reminder", incident, new ReminderNote { IncidentId = incident, Kind = ReminderKind.HalfTime, Grade = Grade.General });
            }

            for (var i = 1; i <= cards; i++)
            {
                outbox.Send(Chat, "card", incidentId: i, opening: OpeningCard.Ordinary);
            }

            for (var i = 1; i <= cards; i++)
            {
                outbox.EditCard(i, Chat, "card, edited", buttons: null);
            }

            for (var i = 0; i < Waiting / 10; i++)
            {
                outbox.Send(Chat, "notice");
            }
        });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [IterationSetup]
    public void Read()
    {
        _queue = new WaitingMessages();
        _queue.Refresh(_db);
    }

    /// <summary>Chooses and removes every waiting message that may go, one by one, as the sender does; returns how many.</summary>
    [Benchmark]
    public int ChooseEachOfTheBacklog()
    {
        var chosen = 0;
        var now = DateTimeOffset.UtcNow.AddMinutes(1);
        var held = new HeldBack(AllButMajorCards: false, OrdinaryCards: Flooded, Reminders: Flooded);
        while (_queue.Of(Chat).Count > 0)
        {
            var blocked = _queue.BlockedUntil(Chat);
            var newCards = _queue.NewCards(Chat);
            var reminders = _queue.Reminders(Chat);
            if (blocked > now || newCards < 0 || reminders < 0)
            {
                break;
            }

            if (Flooded)
            {
                // The digest and the summary not due yet: their oldest held message is looked at, and nothing folded.
                var cards = _queue.OrdinaryCards(Chat).Take(Digests.MaxFolded).ToList();
                var summary = _queue.RemindersOf(Chat).Take(ReminderDigests.MaxFolded).ToList();
                if (cards.Min(m => m.CreatedAt) > now || summary.Min(m => m.CreatedAt) > now)
                {
                    break;
                }
            }

            var next = _queue.Next(Chat, held);
            if (next is null)
            {
                break;
            }

            _queue.Remove(next);
            chosen++;
        }

        return chosen;
    }
}
