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
}
