using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Xunit;

namespace OpinionBot.Tests.Support;

/// <summary>How injected failures reach the real Telegram.Bot client: which exception, which fields.</summary>
public sealed class FakeBotApiFailureTests : FakeBotApiTestBase
{
    [Fact]
    public async Task FailNext_TooManyRequests_SurfacesRetryAfter()
    {
        Api.FailNext(1, 429, retryAfter: 7, method: "sendMessage");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(Group, "x"));

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal(7, error.Parameters!.RetryAfter);
        Assert.Equal("Too Many Requests: retry after 7", error.Message);
        Assert.Empty(Api.Messages(Group));
        await Bot.SendMessage(Group, "x");
        Assert.Equal([429, 200], Api.Requests("sendMessage").Select(request => request.Status));
    }

    /// <summary>Telegram.Bot's defaults (RetryThreshold 60, RetryCount 3) retry a short 429 inside the client.</summary>
    [Fact]
    public async Task FailNext_TooManyRequestsWithDefaultClientOptions_ClientRetriesByItself()
    {
        var retrying = new TelegramBotClient(Api.ClientOptions(), Http);
        Api.FailNext(1, 429, retryAfter: 1);

        await retrying.SendMessage(Group, "after one second");

        Assert.Equal([429, 200], Api.Requests("sendMessage").Select(request => request.Status));
    }

    /// <summary>A JSON error body becomes ApiRequestException whatever the status.</summary>
    [Fact]
    public async Task FailNext_BadGatewayJson_ThrowsApiRequestException()
    {
        Api.FailNext(1);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(Group, "x"));

        Assert.Equal(502, error.ErrorCode);
    }

    /// <summary>A body that is not JSON (nginx's page) becomes a plain RequestException carrying the HTTP status.</summary>
    [Fact]
    public async Task FailNextWithHtml_BadGateway_ThrowsRequestExceptionNotApiRequestException()
    {
        Api.FailNextWithHtml(1);

        var error = await Assert.ThrowsAsync<RequestException>(() => Bot.SendMessage(Group, "x"));

        Assert.IsNotType<ApiRequestException>(error);
        Assert.Equal(System.Net.HttpStatusCode.BadGateway, error.HttpStatusCode);
    }

    [Fact]
    public async Task Down_WhileTrue_RefusesEverythingIncludingPolling()
    {
        Api.Down = true;
        await Assert.ThrowsAsync<RequestException>(() => Bot.GetUpdates());
        await Assert.ThrowsAsync<RequestException>(() => Bot.GetMe());

        Api.Down = false;

        Assert.Equal(Api.BotUsername, (await Bot.GetMe()).Username);
    }

    [Fact]
    public async Task RemoveBotFrom_Group_SendFailsForbidden()
    {
        Api.RemoveBotFrom(Group);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => Bot.SendMessage(Group, "x"));

        Assert.Equal(403, error.ErrorCode);
        Assert.Equal("Forbidden: bot was kicked from the group chat", error.Message);
    }

    [Fact]
    public async Task UnknownMethodAndWrongToken_AnswerTelegramErrors()
    {
        using var unknown = await Http.PostAsync(new Uri($"{Api.BaseUrl}/bot{FakeBotApi.DefaultToken}/frobnicate"), null);
        var stranger = new TelegramBotClient(new TelegramBotClientOptions("999:WRONG", Api.BaseUrl), Http);

        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.Equal("""{"ok":false,"error_code":404,"description":"Not Found: method not found"}""", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(401, (await Assert.ThrowsAsync<ApiRequestException>(() => stranger.GetMe())).ErrorCode);
    }
}
