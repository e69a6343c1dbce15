using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Migration.Cli.Bench;

/// <summary>
/// Starts this tool again as a child process (`dotnet migrate.dll ARGS`), whichever way the parent was started: the
/// `migrate` tool shim, `dotnet run`, `dotnet migrate.dll` or a test host. The child runs with the tool's own
/// migrate.runtimeconfig.json, not the parent host's (a test host's, say).
/// </summary>
public static class MigrateProcess
{
    /// <summary>
    /// Runs `migrate <paramref name="args"/>` to completion, with <paramref name="environment"/> added to this
    /// process's environment; returns its exit code, stdout and stderr.
    /// </summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        start.ArgumentList.Add(typeof(MigrateProcess).Assembly.Location);
        foreach (string a in args)
            start.ArgumentList.Add(a);
        using Process child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        Task<string> stderr = child.StandardError.ReadToEndAsync(); // both pipes drained at once: neither can fill and block the child
        string stdout = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        return (child.ExitCode, stdout, stderr.Result);
    }

    // The dotnet host: the parent's own when it is one (dotnet migrate.dll, dotnet test), else the one the SDK names
    // (DOTNET_HOST_PATH), else the one that owns the running runtime (…/dotnet/shared/Microsoft.NETCore.App/10.0.x/).
    private static string DotnetHost()
    {
        string exe = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), exe, StringComparison.OrdinalIgnoreCase))
            return self;
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } sdkHost && File.Exists(sdkHost))
            return sdkHost;
        string runtimeDir = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        string? root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtimeDir)));
        return root is not null && File.Exists(Path.Combine(root, exe)) ? Path.Combine(root, exe) : exe;
    }
}
