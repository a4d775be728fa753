using System.Text.Json.Nodes;

namespace OpinionBot.Tests.Support;

/// <summary>A chat the fake knows; message ids count up per chat for bot and user messages alike.</summary>
internal sealed class FakeChat(long id, string type)
{
    public long Id { get; } = id;
    public string Type { get; set; } = type;
    public int NextMessageId { get; set; } = 1;
    public SortedDictionary<int, StoredMessage> Messages { get; } = [];
    public bool BotRemoved { get; set; }

    /// <summary>Set for an id Telegram does not know (a wrong id in the settings): calls get 400 "chat not found".</summary>
    public bool Missing { get; set; }

    /// <summary>Set when the group was upgraded to a supergroup: calls for this id get 400 with migrate_to_chat_id.</summary>
    public long? MigratedTo { get; set; }
    public bool IsPrivate => Type == "private";
}

/// <summary>A message as stored by the fake: mutable, changed by edits. Guarded by <see cref="BotApiState.Gate"/>.</summary>
internal sealed class StoredMessage
{
    public required int MessageId { get; init; }
    public required long ChatId { get; init; }
    public required long FromId { get; init; }
    public required DateTimeOffset Date { get; init; }
    public string Kind { get; init; } = "text";
    public string? Text { get; set; }
    public string? ParseMode { get; set; }
    public JsonArray? Entities { get; init; }
    public JsonObject? Markup { get; set; }
    public int? ReplyTo { get; init; }
    public int Edits { get; set; }
    public DateTimeOffset? EditDate { get; set; }
    public string? FileId { get; init; }
    public string? FileName { get; init; }
    public byte[]? FileBytes { get; init; }
    public (int Width, int Height) PhotoSize { get; init; }
}

/// <summary>Everything the fake remembers. One lock guards it all; requests are few and handlers are tiny.</summary>
internal sealed class BotApiState(long botId, TimeProvider time)
{
    private readonly Dictionary<long, FakeChat> chats = [];
    private readonly Dictionary<long, JsonObject> users = [];

    public Lock Gate { get; } = new();
    public TimeProvider Time { get; } = time;
    public long BotId { get; } = botId;
    public string BotUsername { get; } = "opinion_test_bot";
    public HashSet<string> OpenCallbacks { get; } = [];
    public List<CallbackAnswer> CallbackAnswers { get; } = [];
    public Dictionary<string, JsonArray> Commands { get; } = [];
    public List<RecordedRequest> Requests { get; } = [];
    public Dictionary<string, (string? Name, byte[] Bytes)> Files { get; } = [];
    public int NextCallbackNumber { get; set; } = 1;

    public JsonObject BotUser() => new()
    {
        ["id"] = BotId,
        ["is_bot"] = true,
        ["first_name"] = "OpinionBot Test",
        ["username"] = BotUsername,
        ["can_join_groups"] = true,
        ["can_read_all_group_messages"] = false,
        ["supports_inline_queries"] = false,
    };

    /// <summary>Gets or creates a chat; without a type, negative ids are groups and positive ones private chats.</summary>
    public FakeChat Chat(long chatId, string? type = null)
    {
        if (!chats.TryGetValue(chatId, out var chat))
        {
            chat = new FakeChat(chatId, type ?? InferType(chatId));
            chats[chatId] = chat;
        }
        else if (type is not null)
        {
            chat.Type = type;
        }

        return chat;
    }

    public IEnumerable<FakeChat> AllChats => chats.Values;

    public bool TryFindChat(long chatId, out FakeChat chat) => chats.TryGetValue(chatId, out chat!);

    public void RememberUser(long userId, string firstName, string? username, string? languageCode)
    {
        var user = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = firstName };
        if (username is not null)
        {
            user["username"] = username;
        }

        if (languageCode is not null)
        {
            user["language_code"] = languageCode;
        }

        users[userId] = user;
    }

    public JsonObject User(long userId) =>
        userId == BotId ? BotUser()
        : users.TryGetValue(userId, out var user) ? (JsonObject)user.DeepClone()
        : new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = $"User{userId}" };

    private static string InferType(long chatId) =>
        chatId > 0 ? "private" : chatId <= -1_000_000_000_000 ? "supergroup" : "group";
}
