using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace OpinionBot.Tests.Hosting;

/// <summary>
/// The built worker run as a separate process the way systemd and the container image run it: <c>dotnet OpinionBot.dll</c>
/// from its folder's files, a working directory of its own, settings from environment variables.
/// </summary>
internal sealed class BuiltWorker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private BuiltWorker(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Runs the worker with arguments (e.g. <c>health</c>) to its end; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, string[] arguments, TimeSpan patience)
    {
        await using var run = Start(workingDirectory, environment, arguments);
        using var deadline = new CancellationTokenSource(patience);
        await run._process.WaitForExitAsync(deadline.Token);
        return (run._process.ExitCode, run.Output);
    }

    public static BuiltWorker Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, string[]? arguments = null)
    {
        var dll = Path.Combine(OutputFolder(), "OpinionBot.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal) is false &&
                                                                (k.Contains("__", StringComparison.Ordinal) || k is "NOTIFY_SOCKET" or "JOURNAL_STREAM")).ToList())
        {
            start.Environment.Remove(name); // nothing of the test runner's own settings leaks in
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var worker = new BuiltWorker(process);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>
    /// The worker's own build output (src/OpinionBot/bin/CONFIG/TFM), not the copy among the tests' files: the tests run on
    /// ASP.NET Core's shared framework, so their folder lacks assemblies the worker ships with.
    /// </summary>
    private static string OutputFolder()
    {
        var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var (framework, configuration) = (tests.Name, tests.Parent!.Name);
        var root = tests;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "OpinionBot.sln")))
        {
            root = root.Parent;
        }

        return root is null
            ? throw new DirectoryNotFoundException("OpinionBot.sln not found above " + AppContext.BaseDirectory)
            : Path.Combine(root.FullName, "src", "OpinionBot", "bin", configuration, framework);
    }

    /// <summary>Asks it to stop as systemd and Docker do (SIGTERM) and waits for it to exit.</summary>
    public async Task TerminateAsync(TimeSpan patience)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        using var deadline = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(deadline.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.Append(line).Append('\n');
        }
    }
}
