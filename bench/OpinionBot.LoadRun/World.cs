using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OpinionBot.LoadRun;

/// <summary>
/// Everything outside the bot, in its own process so the bot's CPU and memory are measured alone: the boards on
/// 127.0.0.2 … 127.0.0.(hosts+1) (each address a "host"), and a fake Telegram Bot API on 127.0.0.1 that answers every
/// call at once and times each card from the moment its item was first served.
/// </summary>
internal static partial class World
{
    public static async Task RunAsync(int boards, int hosts)
    {
        var pages = new ListPages(boards);
        var firstServed = new ConcurrentDictionary<long, long>();
        var latencies = new ConcurrentQueue<double>(); // in arrival order: phases read what came after a mark
        var probes = new ConcurrentDictionary<long, bool>();
        var probeLatencies = new ConcurrentQueue<double>();
        long served = 0, notModified = 0, cards = 0, calls = 0;
        var requests = new BoardRequests(boards);
        var nextMessage = 0;
        var conversation = new ChatLog(); // the smoke phase's updates in, every call out

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            for (var h = 0; h < hosts; h++)
            {
                k.Listen(new IPAddress([127, 0, 0, (byte)(2 + h)]), 0);
            }
        });
        var app = builder.Build();

        app.MapGet("/board/{board:int}", (int board, HttpContext http) =>
        {
            var now = DateTimeOffset.UtcNow;
            requests.Record(board, now);
            var newest = pages.Newest(board, now);
            var etag = ListPages.ETag(board, newest);
            if (pages.ETags && http.Request.Headers.IfNoneMatch == etag)
            {
                Interlocked.Increment(ref notModified);
                return Results.StatusCode(304);
            }

            Interlocked.Increment(ref served);
            var stamp = System.Diagnostics.Stopwatch.GetTimestamp();
            for (var n = newest; n > newest - ListPages.ThreadsPerPage && n > 0; n--)
            {
                if (pages.Matches(board, n))
                {
                    firstServed.TryAdd(ListPages.ThreadId(board, n), stamp);
                }

                if (pages.IsProbe(board, n))
                {
                    probes.TryAdd(ListPages.ThreadId(board, n), true);
                }
            }

            if (pages.ETags)
            {
                http.Response.Headers.ETag = etag;
            }

            return Results.Bytes(pages.Render(board, newest, now), "text/html; charset=utf-8");
        });
        app.MapGet("/forum.php", (long tid) => Results.Bytes(ListPages.Thread(tid), "text/html; charset=utf-8"));

        // Control, on 127.0.0.1 only.
        app.MapPost("/control/new", (int threads, int matchEvery, int? probeEvery) =>
        {
            pages.MatchEvery = Math.Max(1, matchEvery);
            pages.ProbeEvery = Math.Max(0, probeEvery ?? 0);
            pages.NewThreads(threads);
        });
        app.MapPost("/control/etags", (bool on) => pages.ETags = on);
        app.MapPost("/control/steady", (double perMinute) => pages.Steady(perMinute));
        app.MapGet("/control/stats", () => Results.Json(new WorldStats(
            Interlocked.Read(ref served), Interlocked.Read(ref notModified), Interlocked.Read(ref cards), Interlocked.Read(ref calls),
            [.. latencies], [.. probeLatencies], requests.Summary(DateTimeOffset.UtcNow))));
        app.MapPost("/control/reset-requests", () => requests.Reset(DateTimeOffset.UtcNow));
        app.MapPost("/control/reset-latencies", () => latencies.Clear());
        app.MapPost("/control/message", (long chat, long from, string text) => conversation.AddMessage(chat, from, text));
        app.MapPost("/control/press", (long chat, long from, int message, string data) => conversation.AddPress(chat, from, message, data));
        app.MapPost("/control/record", (bool on) => conversation.Recording = on);
        app.MapGet("/control/calls", () => Results.Json(conversation.Calls()));

        // The fake Bot API: any token, any method; cards are recognised by the thread ids in their text.
        app.MapPost("/bot{token}/{method}", async (string method, HttpContext http) =>
        {
            Interlocked.Increment(ref calls);
            var body = http.Request.HasJsonContentType()
                ? await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject ?? []
                : http.Request.HasFormContentType ? await FormAsync(http.Request) : [];
            var messageId = method is "sendMessage" or "editMessageText" or "sendPhoto" or "sendDocument" ? Interlocked.Increment(ref nextMessage) : 0;
            if (method != "getUpdates")
            {
                conversation.Record(method, messageId, body);
            }

            JsonNode? result = method switch
            {
                "getMe" => new JsonObject { ["id"] = 42, ["is_bot"] = true, ["first_name"] = "LoadRun", ["username"] = "load_run_bot" },
                "getUpdates" => conversation.Take(body) ?? await IdleUpdatesAsync(body, http.RequestAborted),
                "sendMessage" or "editMessageText" or "sendPhoto" or "sendDocument" => Message(body, messageId),
                _ => true,
            };
            // A reminder summary names incidents too (a worsening of one digested minutes ago): that is not its card.
            if (method == "sendMessage" && body["text"]?.GetValue<string>() is { } text && !text.StartsWith('⏰'))
            {
                var now = System.Diagnostics.Stopwatch.GetTimestamp();
                var any = false;
                foreach (Match match in ThreadMark().Matches(text))
                {
                    var thread = long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (firstServed.TryRemove(thread, out var at))
                    {
                        var ms = System.Diagnostics.Stopwatch.GetElapsedTime(at, now).TotalMilliseconds;
                        latencies.Enqueue(ms);
                        if (probes.ContainsKey(thread))
                        {
                            probeLatencies.Enqueue(ms);
                        }

                        any = true;
                    }
                }

                if (any)
                {
                    Interlocked.Increment(ref cards);
                }
            }

            return Results.Json(new JsonObject { ["ok"] = true, ["result"] = result });
        });

        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Console.WriteLine(JsonSerializer.Serialize(new WorldAddresses(
            addresses.First(a => a.Contains("127.0.0.1:", StringComparison.Ordinal)),
            [.. addresses.Where(a => !a.Contains("127.0.0.1:", StringComparison.Ordinal)).OrderBy(a => a, StringComparer.Ordinal)])));

        // The parent closes our standard input when it is done.
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
    }

    private static async Task<JsonNode> IdleUpdatesAsync(JsonObject body, CancellationToken cancellationToken)
    {
        var seconds = body["timeout"]?.GetValue<int>() ?? 0;
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 5)), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The bot stopped polling.
        }

        return new JsonArray();
    }

    /// <summary>A multipart call (a document or a photo): its fields, and each file as its name and size.</summary>
    private static async Task<JsonObject> FormAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var body = new JsonObject();
        foreach (var field in form)
        {
            body[field.Key] = field.Key == "chat_id" && long.TryParse(field.Value.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : field.Value.ToString();
        }

        foreach (var file in form.Files)
        {
            body["file:" + file.Name] = $"{file.FileName} ({file.Length} bytes)";
        }

        return body;
    }

    private static JsonObject Message(JsonObject body, int id) => new()
    {
        ["message_id"] = id,
        ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["chat"] = new JsonObject { ["id"] = body["chat_id"]?.DeepClone() ?? 0, ["type"] = "supergroup", ["title"] = "load" },
        ["text"] = body["text"]?.DeepClone() ?? body["caption"]?.DeepClone() ?? "",
    };

    [GeneratedRegex(@"【(\d+)】")]
    private static partial Regex ThreadMark();
}

/// <summary>
/// The smoke phase's conversation: updates queued as people typing or pressing buttons (handed out by getUpdates), and
/// every call the bot made, in order.
/// </summary>
internal sealed class ChatLog
{
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _updates = [];
    private readonly List<JsonObject> _calls = [];
    private int _nextUpdate = 1;
    private int _nextMessage = 1_000_000;

    /// <summary>Whether calls are kept (the smoke phase turns it on; the load phases' thousands of cards are not kept).</summary>
    public bool Recording { get; set; }

    public int AddMessage(long chat, long from, string text)
    {
        var command = text.StartsWith('/') ? text.Split(' ')[0].Length : 0;
        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _nextMessage),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = Chat(chat),
            ["from"] = User(from),
            ["text"] = text,
        };
        if (command > 0)
        {
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = command });
        }

        return Add(id => new JsonObject { ["update_id"] = id, ["message"] = message });
    }

    public int AddPress(long chat, long from, int message, string data) => Add(id => new JsonObject
    {
        ["update_id"] = id,
        ["callback_query"] = new JsonObject
        {
            ["id"] = $"press{id}",
            ["from"] = User(from),
            ["chat_instance"] = "smoke",
            ["data"] = data,
            ["message"] = new JsonObject { ["message_id"] = message, ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["chat"] = Chat(chat), ["text"] = "card" },
        },
    });

    public void Record(string method, int messageId, JsonObject body)
    {
        if (!Recording)
        {
            return;
        }

        var call = (JsonObject)body.DeepClone();
        call["method"] = method;
        call["result_message_id"] = messageId;
        lock (_gate)
        {
            _calls.Add(call);
        }
    }

    public JsonArray Calls()
    {
        lock (_gate)
        {
            return [.. _calls.Select(c => c.DeepClone())];
        }
    }

    /// <summary>Queued updates from the poll's offset on, or null when none wait (the poll then idles).</summary>
    public JsonArray? Take(JsonObject body)
    {
        var offset = body["offset"]?.GetValue<int>() ?? 0;
        lock (_gate)
        {
            _updates.RemoveAll(u => u["update_id"]!.GetValue<int>() < offset);
            return _updates.Count == 0 ? null : [.. _updates.Select(u => u.DeepClone())];
        }
    }

    private int Add(Func<int, JsonObject> update)
    {
        lock (_gate)
        {
            var id = _nextUpdate++;
            _updates.Add(update(id));
            return id;
        }
    }

    private static JsonObject Chat(long id) => id > 0
        ? new JsonObject { ["id"] = id, ["type"] = "private", ["first_name"] = $"User{id}" }
        : new JsonObject { ["id"] = id, ["type"] = "supergroup", ["title"] = $"chat{id}" };

    private static JsonObject User(long id) => new() { ["id"] = id, ["is_bot"] = false, ["first_name"] = $"User{id}", ["language_code"] = "en" };
}

internal sealed record WorldAddresses(string Control, string[] Hosts);

internal sealed record WorldStats(long Served, long NotModified, long Cards, long Calls, double[] CardLatenciesMs, double[] ProbeLatenciesMs, RequestSummary Requests);

/// <param name="Boards">Boards asked for at least once since the reset.</param>
/// <param name="FewestRequests">The least any board was asked for since the reset.</param>
/// <param name="LongestGapSeconds">The longest time any board waited between two requests (or from the reset to its first, or from its last to now).</param>
internal sealed record RequestSummary(int Boards, int NeverAsked, long FewestRequests, double LongestGapSeconds);

/// <summary>When each board was last asked for, to see from outside whether every source is checked every minute.</summary>
internal sealed class BoardRequests(int boards)
{
    private readonly long[] _count = new long[boards];
    private readonly DateTimeOffset[] _last = new DateTimeOffset[boards];
    private readonly double[] _longestGap = new double[boards];
    private readonly Lock _gate = new();
    private DateTimeOffset _since = DateTimeOffset.UtcNow;

    public void Record(int board, DateTimeOffset now)
    {
        if ((uint)board >= (uint)_count.Length)
        {
            return;
        }

        lock (_gate)
        {
            var from = _count[board] == 0 ? _since : _last[board];
            _longestGap[board] = Math.Max(_longestGap[board], (now - from).TotalSeconds);
            _last[board] = now;
            _count[board]++;
        }
    }

    public void Reset(DateTimeOffset now)
    {
        lock (_gate)
        {
            Array.Clear(_count);
            Array.Clear(_longestGap);
            _since = now;
        }
    }

    public RequestSummary Summary(DateTimeOffset now)
    {
        lock (_gate)
        {
            var longest = 0.0;
            for (var b = 0; b < _count.Length; b++)
            {
                var open = (now - (_count[b] == 0 ? _since : _last[b])).TotalSeconds;
                longest = Math.Max(longest, Math.Max(_longestGap[b], open));
            }

            return new RequestSummary(_count.Length, _count.Count(c => c == 0), _count.Min(), longest);
        }
    }
}
