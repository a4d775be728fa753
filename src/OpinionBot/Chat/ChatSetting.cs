namespace OpinionBot.Chat;

/// <summary>What a chat chose for itself: for now its language (<c>/lang</c>).</summary>
public sealed class ChatSetting
{
    /// <summary>The Telegram chat id (a private chat's id is the user's id).</summary>
    public long Id { get; set; }

    /// <summary><c>zh-CN</c> or <c>en</c>.</summary>
    public string Culture { get; set; } = "";
}
