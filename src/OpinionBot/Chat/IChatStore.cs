namespace OpinionBot.Chat;

/// <summary>What is stored about chats: the ones that refused the bot, groups that moved, and each chat's own settings.</summary>
public interface IChatStore
{
    IReadOnlyList<LostChat> LostChats();

    bool IsLost(long chatId);

    /// <summary>Records the chat as lost; false when it already was.</summary>
    bool MarkLost(LostChat chat);

    /// <summary>The chat is reachable again; false when it was not lost.</summary>
    bool MarkFound(long chatId);

    IReadOnlyList<ChatMove> Moves();

    /// <summary>Where the group with <paramref name="oldId"/> moved, if it did.</summary>
    ChatMove? MoveOf(long oldId);

    /// <summary>Records a move; earlier moves that led to <see cref="ChatMove.Id"/> now lead to the new id too.</summary>
    void RecordMove(ChatMove move);

    ChatSetting? Setting(long chatId);

    void SaveSetting(ChatSetting setting);

    void ForgetSetting(long chatId);
}
