using System.Text.Json.Nodes;

namespace OpinionBot.Tests.Support;

public sealed partial class FakeBotApi
{
    /// <summary>
    /// Queues a "message" update as a user typing in a chat; returns the update id. Text starting with "/" gets a
    /// bot_command entity. In a private chat Telegram's chat id is the user's id, so chatId must equal userId.
    /// </summary>
    public int InjectMessage(
        long chatId,
        long userId,
        string text,
        int? replyToMessageId = null,
        string chatType = "group",
        string? firstName = null,
        string? username = null,
        string? languageCode = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (chatType == "private" && chatId != userId)
        {
            throw new ArgumentException("A private chat's id is the user's id.", nameof(chatId));
        }

        lock (state.Gate)
        {
            state.RememberUser(userId, firstName ?? $"User{userId}", username, languageCode);
            var chat = state.Chat(chatId, chatType);
            var message = new StoredMessage
            {
                MessageId = chat.NextMessageId++,
                ChatId = chatId,
                FromId = userId,
                Date = state.Time.GetUtcNow(),
                Text = text,
                Entities = CommandEntity(text),
                ReplyTo = replyToMessageId,
            };
            chat.Messages[message.MessageId] = message;
            var json = BotApiJson.Message(state, chat, message);
            return updates.Add(id => BotApiJson.MessageUpdate(id, json));
        }
    }

    /// <summary>
    /// Queues a "callback_query" update as a user pressing a button on a message in a chat, carrying that message as it
    /// is now; returns the callback query id, which the bot may answer once.
    /// </summary>
    public string InjectCallback(long chatId, long userId, int messageId, string data)
    {
        lock (state.Gate)
        {
            if (!state.TryFindChat(chatId, out var chat) || !chat.Messages.TryGetValue(messageId, out var pressed))
            {
                throw new InvalidOperationException($"No message {messageId} in chat {chatId} to press a button on.\n{Describe()}");
            }

            var queryId = (4_300_000_000_000_000_000L + state.NextCallbackNumber++).ToString();
            state.OpenCallbacks.Add(queryId);
            var message = BotApiJson.Message(state, chat, pressed);
            updates.Add(id => BotApiJson.CallbackUpdate(id, queryId, state.User(userId), message, data));
            return queryId;
        }
    }

    /// <summary>Queues any text as an update (see <see cref="UpdateQueue.AddRaw"/>); returns its update id.</summary>
    public int InjectRaw(string updateJson) => updates.AddRaw(updateJson);

    /// <summary>From now on, calls for this chat get 403 (kicked from the group, or blocked by the user).</summary>
    public void RemoveBotFrom(long chatId)
    {
        lock (state.Gate)
        {
            state.Chat(chatId).BotRemoved = true;
        }
    }

    /// <summary>From now on, calls for this chat get 400 "chat not found", as for an id that was never a chat.</summary>
    public void ForgetChat(long chatId)
    {
        lock (state.Gate)
        {
            state.Chat(chatId).Missing = true;
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> calls (of <paramref name="method"/> only, if given) answer Telegram's error
    /// JSON with this status; 429 carries parameters.retry_after. Without a method, getUpdates is never hit.
    /// </summary>
    public void FailNext(int count, int status = 502, int? retryAfter = null, string? method = null, string? description = null) =>
        faults.Add(count, status, retryAfter, method, description, html: false);

    /// <summary>Like <see cref="FailNext"/> but answers nginx's HTML error page, which is not JSON at all.</summary>
    public void FailNextWithHtml(int count, int status = 502, string? method = null) =>
        faults.Add(count, status, null, method, null, html: true);

    /// <summary>Drops failures that FailNext queued and no call has used yet.</summary>
    public void ClearFailures() => faults.Clear();

    /// <summary>While true every call, getUpdates included, gets nginx's 502 HTML page.</summary>
    public bool Down
    {
        get => faults.Down;
        set => faults.Down = value;
    }

    private static JsonArray? CommandEntity(string text)
    {
        if (!text.StartsWith('/') || text.Length < 2)
        {
            return null;
        }

        var end = text.IndexOfAny([' ', '\n', '\t']);
        var length = end < 0 ? text.Length : end;
        return [new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = length }];
    }
}
