using OpinionBot.Sources;
using Xunit;

namespace OpinionBot.Tests.Sources;

public sealed class CpuTurnsTests
{
    [Fact]
    public async Task AsManyTurnsAsCores_AndAGivenBackTurnIsGivenBackOnce()
    {
        using var turns = new CpuTurns();
        var held = new List<CpuTurns.Turn>();
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            held.Add(await turns.TakeAsync(CancellationToken.None));
        }

        var waiting = turns.TakeAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        held[0].Dispose();
        held[0].Dispose(); // a second dispose must not hand out a second turn
        var next = await waiting;
        var another = turns.TakeAsync(CancellationToken.None);
        Assert.False(another.IsCompleted);

        next.Dispose();
        (await another).Dispose();
        held.ForEach(turn => turn.Dispose());
    }

    [Fact]
    public async Task BackgroundWork_GetsATurnOnlyWhenNoCheckWaits()
    {
        using var turns = new CpuTurns();
        var held = new List<CpuTurns.Turn>();
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            held.Add(await turns.TakeAsync(CancellationToken.None));
        }

        var background = turns.TakeBackgroundAsync(CancellationToken.None); // queued first
        var check = turns.TakeAsync(CancellationToken.None);

        held[0].Dispose();
        var checkTurn = await check; // the check goes first
        Assert.False(background.IsCompleted);

        checkTurn.Dispose();
        (await background).Dispose();

        // With a turn free but a check queued (none here), background work is served at once.
        held.RemoveAt(0);
        (await turns.TakeBackgroundAsync(CancellationToken.None)).Dispose();
        held.ForEach(turn => turn.Dispose());
    }

    [Fact]
    public async Task ACheckThatHasParsed_WritesBeforeChecksStillToParse_InTheOrderTheyAsked()
    {
        using var turns = new CpuTurns();
        var held = new List<CpuTurns.Turn>();
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            held.Add(await turns.TakeAsync(CancellationToken.None));
        }

        var toParse = turns.TakeAsync(CancellationToken.None); // queued first
        var background = turns.TakeBackgroundAsync(CancellationToken.None);
        var firstToFinish = turns.TakeToFinishAsync(CancellationToken.None);
        var secondToFinish = turns.TakeToFinishAsync(CancellationToken.None);

        held[0].Dispose();
        var first = await firstToFinish;
        Assert.False(secondToFinish.IsCompleted);
        Assert.False(toParse.IsCompleted);

        first.Dispose();
        var second = await secondToFinish;
        Assert.False(toParse.IsCompleted);

        second.Dispose();
        var parse = await toParse;
        Assert.False(background.IsCompleted);
        parse.Dispose();
        (await background).Dispose();
        held.Skip(1).ToList().ForEach(turn => turn.Dispose());
    }

    [Fact]
    public async Task AWaiterThatGivesUp_IsNotGivenATurn()
    {
        using var turns = new CpuTurns();
        var held = new List<CpuTurns.Turn>();
        for (var i = 0; i < Environment.ProcessorCount; i++)
        {
            held.Add(await turns.TakeAsync(CancellationToken.None));
        }

        using var stop = new CancellationTokenSource();
        var givingUp = turns.TakeAsync(stop.Token);
        var background = turns.TakeBackgroundAsync(CancellationToken.None);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => givingUp);

        held[0].Dispose();
        (await background).Dispose(); // the turn went past the one that gave up
        held.Skip(1).ToList().ForEach(turn => turn.Dispose());
    }

    [Fact]
    public async Task BackgroundWork_WaitsForShortWritesToo_ButChecksDoNot()
    {
        using var turns = new CpuTurns();
        var write = turns.ShortWrite();
        var background = turns.TakeBackgroundAsync(CancellationToken.None);
        Assert.False(background.IsCompleted);
        (await turns.TakeAsync(CancellationToken.None)).Dispose(); // a check is not held up by a short write

        Assert.False(background.IsCompleted);
        write.Dispose();
        write.Dispose(); // once
        (await background).Dispose();
    }
}
