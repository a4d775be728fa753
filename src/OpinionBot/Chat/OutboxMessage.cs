using OpinionBot.Reports.Documents;

namespace OpinionBot.Chat;

/// <summary>
/// A message or edit waiting to reach Telegram. Written in the same transaction as the change that caused it,
/// delivered by <see cref="OutboxSender"/> in order per chat.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public long ChatId { get; set; }
    public OutboxKind Kind { get; set; }

    /// <summary>HTML text (Telegram's HTML parse mode), or a caption for files.</summary>
    public string Text { get; set; } = "";

    public List<List<ButtonSpec>>? Buttons { get; set; }

    /// <summary>For a card: the incident it shows. A sent card records its message id; an edit finds it.</summary>
    public long? IncidentId { get; set; }

    /// <summary>For <see cref="OutboxKind.EditMessage"/>: the Telegram message id to edit.</summary>
    public int? MessageId { get; set; }

    /// <summary>Answer to this message (Telegram message id), if any.</summary>
    public int? ReplyToMessageId { get; set; }

    /// <summary>Answer to the card of this incident in the same chat (its message id is looked up on delivery).</summary>
    public long? ReplyToCardOf { get; set; }

    /// <summary>
    /// Ask for an answer: Telegram opens the reply field (ForceReply) for the people the text mentions; the text is the
    /// placeholder shown in it.
    /// </summary>
    public string? ForceReply { get; set; }

    /// <summary>Set on the first card of a newly opened incident: how urgent it is (see <see cref="DeliveryOrder"/>).</summary>
    public OpeningCard? Opening { get; set; }

    /// <summary>
    /// True on a card the deadline watch sent up to this chat: an overdue incident escalated there (逾期升级), not a new
    /// one, which a digest counts and heads apart. Null on every other message (never false: older messages lack it).
    /// </summary>
    public bool? Escalated { get; set; }

    /// <summary>Set on a deadline reminder: a chat flooded with them gets one summary (see <see cref="ReminderDigests"/>).</summary>
    public ReminderNote? Reminder { get; set; }

    /// <summary>For documents and photos: the file id in LiteDB file storage, and the name shown to users.</summary>
    public string? FileId { get; set; }
    public string? FileName { get; set; }

    /// <summary>
    /// For documents and photos made on delivery (instead of <see cref="FileId"/>): what to make. The sender has it made
    /// outside any transaction just before sending (see <see cref="FileMaking"/>).
    /// </summary>
    public DocumentOrder? Document { get; set; }

    /// <summary>For <see cref="OutboxKind.MediaGroup"/>: the photos (file ids, names, captions), 2 to 10 of them.</summary>
    public List<MediaItem>? Media { get; set; }

    /// <summary>Every uploaded file this message hands to Telegram, to delete once it is delivered.</summary>
    public IEnumerable<string> AllFileIds() =>
        (FileId is null ? [] : new[] { FileId }).Concat(Media?.Where(m => m.Document is null).Select(m => m.FileId) ?? []);

    /// <summary>Whether the sender makes a file of this message before sending it.</summary>
    public bool OrdersFiles => Document is not null || Media?.Any(m => m.Document is not null) == true;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }

    /// <summary>
    /// Set just before the call to Telegram and cleared when Telegram refused it. Still set on a message not yet
    /// delivered means the worker stopped mid-call: Telegram may have shown it already, so it is re-sent marked (重发).
    /// </summary>
    public DateTimeOffset? SendingAt { get; set; }

    /// <summary>Set once Telegram accepted it, or once it is given up for good (see <see cref="Failed"/>).</summary>
    public DateTimeOffset? DeliveredAt { get; set; }
    public bool Failed { get; set; }
}

public enum OutboxKind
{
    /// <summary>A new text message (a card when <see cref="OutboxMessage.IncidentId"/> is set).</summary>
    Send = 0,

    /// <summary>Edit the card of <see cref="OutboxMessage.IncidentId"/> in <see cref="OutboxMessage.ChatId"/>.</summary>
    EditCard = 1,

    Document = 2,
    Photo = 3,

    /// <summary>Edit the message <see cref="OutboxMessage.MessageId"/> in <see cref="OutboxMessage.ChatId"/>.</summary>
    EditMessage = 4,

    /// <summary>Photos sent together as one album (sendMediaGroup), see <see cref="OutboxMessage.Media"/>.</summary>
    MediaGroup = 5,
}

/// <summary>
/// One photo of a media group: its upload in file storage, its name and its HTML caption; or, instead of the upload,
/// the order to make it on delivery (its caption then comes with it).
/// </summary>
public sealed record MediaItem(string FileId, string FileName, string Caption, DocumentOrder? Document = null);

/// <summary>An inline button: its label and its callback data (at most 64 bytes).</summary>
public sealed record ButtonSpec(string Text, string Data);
