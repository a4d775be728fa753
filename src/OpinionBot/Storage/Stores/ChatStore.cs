using OpinionBot.Chat;

namespace OpinionBot.Storage.Stores;

// Lost chats, moves and settings are a handful of rows each: read whole where a lookup by id does not do.
internal sealed class ChatStore(IDocumentTable<LostChat> lost, IDocumentTable<ChatMove> moves, IDocumentTable<ChatSetting> settings) : IChatStore
{
    public IReadOnlyList<LostChat> LostChats() => lost.All();

    public bool IsLost(long chatId) => lost.Get(chatId) is not null;

    public bool MarkLost(LostChat chat)
    {
        if (lost.Get(chat.Id) is not null)
        {
            return false;
        }

        lost.Insert(chat);
        return true;
    }

    public bool MarkFound(long chatId) => lost.Delete(chatId);

    public IReadOnlyList<ChatMove> Moves() => moves.All();

    public ChatMove? MoveOf(long oldId) => moves.Get(oldId);

    public void RecordMove(ChatMove move)
    {
        moves.Upsert(move);
        foreach (var earlier in moves.All().Where(m => m.NewId == move.Id))
        {
            earlier.NewId = move.NewId;
            moves.Update(earlier);
        }
    }

    public ChatSetting? Setting(long chatId) => settings.Get(chatId);

    public void SaveSetting(ChatSetting setting) => settings.Upsert(setting);

    public void ForgetSetting(long chatId) => settings.Delete(chatId);
}
