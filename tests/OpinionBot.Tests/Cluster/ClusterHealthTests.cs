using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionBot.Cluster;
using OpinionBot.Tests.EndToEnd;
using OpinionBot.Tests.Monitoring;
using OpinionBot.Tests.Support;
using Xunit;

namespace OpinionBot.Tests.Cluster;

/// <summary>
/// <c>/healthz</c> in cluster mode: a node that does not poll Telegram is not unhealthy for it, every node names itself and
/// the leases it holds, and a lease nobody holds is a problem.
/// </summary>
public sealed class ClusterHealthTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private BotHarness _bot = null!;
    private string _base = "";

    public async Task InitializeAsync() => _bot = await BotHarness.CreateAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [SkippableFact]
    public async Task ANodeThatDoesNotPoll_IsHealthy_AndTakesThePollingOverWhenItsHolderStops()
    {
        var connection = database.Open();
        // Another node polls Telegram: it took the updates lease first.
        using var otherDatabase = new ClusterDatabase(connection);
        var leaseTime = TimeSpan.FromSeconds(3);
        using var other = new PostgresLeases(otherDatabase, Options.Create(new ClusterOptions { Enabled = true, NodeName = "node-0", LeaseTime = leaseTime }),
            NullLogger<PostgresLeases>.Instance);
        await other.StartAsync(CancellationToken.None);
        await other.AcquireAsync(LeaseNames.Updates, CancellationToken.None).WaitAsync(Patience);

        var port = LocalEndpoints.FreePort();
        _base = $"http://127.0.0.1:{port}";
        _bot.Settings["Storage:Provider"] = "postgres";
        _bot.Settings["Storage:ConnectionString"] = connection;
        _bot.Settings["Cluster:Enabled"] = "true";
        _bot.Settings["Cluster:NodeName"] = "node-a";
        _bot.Settings["Cluster:LeaseTime"] = leaseTime.ToString();
        _bot.Settings["Monitoring:Listen"] = $"127.0.0.1:{port}";
        _bot.Settings["Monitoring:TelegramQuietAfter"] = "00:00:02";
        await _bot.StartAsync();

        JsonElement body = default;
        await _bot.Api.WaitUntilAsync(() => Leases(body = Health(out _)).SetEquals([LeaseNames.Delivery, LeaseNames.Duties]), Patience);
        await Task.Delay(TimeSpan.FromSeconds(3)); // longer than TelegramQuietAfter: this node has never polled
        Assert.Equal(200, HealthStatus(out body));
        Assert.Equal("node-a", body.GetProperty("node").GetString());
        Assert.Empty(_bot.Api.Requests("getUpdates"));

        await other.StopAsync(CancellationToken.None); // a clean stop hands the lease over
        await _bot.Api.WaitUntilAsync(() => Leases(Health(out _)).SetEquals(LeaseNames.All), Patience);
        await _bot.Api.WaitUntilAsync(() => _bot.Api.Requests("getUpdates").Count > 0, Patience);
        Assert.Equal(200, HealthStatus(out body));
    }

    private JsonElement Health(out int status)
    {
        var (code, text) = LocalEndpoints.GetAsync(_base + "/healthz").GetAwaiter().GetResult();
        status = code;
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private int HealthStatus(out JsonElement body)
    {
        body = Health(out var status);
        return status;
    }

    private static HashSet<string> Leases(JsonElement body) =>
        body.TryGetProperty("leases", out var leases) ? leases.EnumerateArray().Select(l => l.GetString() ?? "").ToHashSet() : [];
}
