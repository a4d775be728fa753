using Telegram.Bot;
using Xunit;

namespace OpinionBot.Tests.Support;

/// <summary>A fresh fake and a real client per test. RetryThreshold 0 lets errors reach the test unretried.</summary>
public abstract class FakeBotApiTestBase : IAsyncLifetime, IDisposable
{
    protected const long Group = -1001234567890;
    protected const long Alice = 4242;

    protected HttpClient Http { get; } = new();

    protected FakeBotApi Api { get; private set; } = null!;

    protected TelegramBotClient Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = await FakeBotApi.StartAsync();
        Bot = new TelegramBotClient(new TelegramBotClientOptions(FakeBotApi.DefaultToken, Api.BaseUrl) { RetryThreshold = 0 }, Http);
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();

    public void Dispose()
    {
        Http.Dispose();
        GC.SuppressFinalize(this);
    }
}
