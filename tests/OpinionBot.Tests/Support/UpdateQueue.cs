using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpinionBot.Tests.Support;

/// <summary>
/// Pending updates and real long polling: getUpdates parks until an update arrives or its timeout passes.
/// Updates stay until a later call confirms them with a higher offset, exactly like Telegram.
/// </summary>
internal sealed class UpdateQueue
{
    private const int MaxTimeoutSeconds = 50;
    private readonly Lock gate = new();
    private readonly List<(int Id, string Json)> pending = [];
    private int nextId = 1;
    private int waiting;
    private TaskCompletionSource arrived = NewSignal();

    public int Pending
    {
        get
        {
            lock (gate)
            {
                return pending.Count;
            }
        }
    }

    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Adds an update built for its assigned id; returns the id.</summary>
    public int Add(Func<int, JsonObject> build)
    {
        lock (gate)
        {
            var id = nextId++;
            pending.Add((id, build(id).ToJsonString(BotApiReply.JsonOptions)));
            Pulse();
            return id;
        }
    }

    /// <summary>
    /// Adds any text as an update. An object without update_id gets one; one with update_id keeps it. Text that is
    /// not JSON goes out verbatim, which breaks the whole getUpdates answer, as a hostile test may want.
    /// </summary>
    public int AddRaw(string json)
    {
        lock (gate)
        {
            var id = nextId;
            try
            {
                if (JsonNode.Parse(json) is JsonObject update)
                {
                    if (update["update_id"] is JsonValue given && given.TryGetValue<int>(out var givenId))
                    {
                        id = givenId;
                    }
                    else
                    {
                        update["update_id"] = id;
                        json = update.ToJsonString(BotApiReply.JsonOptions);
                    }
                }
            }
            catch (JsonException)
            {
                // Deliberately broken JSON is delivered as it is.
            }

            nextId = Math.Max(nextId, id + 1);
            pending.Add((id, json));
            pending.Sort((left, right) => left.Id.CompareTo(right.Id));
            Pulse();
            return id;
        }
    }

    /// <summary>Answers one getUpdates call with the JSON array of updates it returns.</summary>
    public async Task<string> TakeAsync(long offset, int limit, int timeoutSeconds, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        var timeout = TimeSpan.FromSeconds(Math.Clamp(timeoutSeconds, 0, MaxTimeoutSeconds));
        limit = limit is < 1 or > 100 ? 100 : limit;
        Interlocked.Increment(ref waiting);
        try
        {
            while (true)
            {
                Task signal;
                lock (gate)
                {
                    Confirm(offset);
                    if (pending.Count > 0)
                    {
                        return "[" + string.Join(",", pending.Take(limit).Select(update => update.Json)) + "]";
                    }

                    signal = arrived.Task;
                }

                var remaining = timeout - deadline.Elapsed;
                if (remaining <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
                {
                    return "[]";
                }

                await Task.WhenAny(signal, Task.Delay(remaining, cancellationToken));
            }
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
    }

    private void Confirm(long offset)
    {
        if (offset > 0)
        {
            pending.RemoveAll(update => update.Id < offset);
        }
        else if (offset < 0 && pending.Count > -offset)
        {
            pending.RemoveRange(0, pending.Count - (int)Math.Min(-offset, int.MaxValue));
        }
    }

    private void Pulse()
    {
        arrived.TrySetResult();
        arrived = NewSignal();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
