using System.Diagnostics;
using System.Reflection;

namespace Migration.Cli.Tests;

/// <summary>
/// Packs src/Migration.Cli once (<see cref="ToolPackageFixture"/>), installs the package with `dotnet tool install
/// --tool-path` from that folder feed alone, and runs the installed `migrate` from a temporary folder outside the
/// repository: what the tool needs at run time must have travelled in the package. Filter with Category=Package.
/// </summary>
[Trait("Category", "Package")]
public sealed class ToolPackageTests : IClassFixture<ToolPackageFixture>, IDisposable
{
    private readonly ToolPackageFixture _tool;
    private readonly string _outside = Directory.CreateTempSubdirectory("migrate-tool-cwd-").FullName;

    public ToolPackageTests(ToolPackageFixture tool) => _tool = tool;

    public void Dispose() => Directory.Delete(_outside, recursive: true);

    [Fact]
    public void ThePackageIsIommuMigrationWorkbench_1_0_0()
    {
        // The README's install line names this id and version.
        Assert.Equal(["IommuMigration.Workbench.1.0.0.nupkg"], Directory.GetFiles(_tool.Feed).Select(Path.GetFileName));
        Assert.True(File.Exists(_tool.Command), $"no {_tool.Command}");
    }

    [Fact]
    public void Vectors_OutsideTheRepository_RunsTheVectorsInstalledWithTheTool()
    {
        Assert.False(Directory.Exists(Path.Combine(_outside, "vectors")));

        var (code, output, err) = ToolPackageFixture.Run(_tool.Command, ["vectors"], _outside);

        Assert.True(code == ExitCodes.Passed, $"exit {code}: {err}");
        Assert.Equal("", err);
        Assert.Equal(
            [
                "msm-core.json: 46 passed, 0 failed",
                "msm-pgtable.json: 55 passed, 0 failed",
                "omap-iovmm-alloc.json: 80 passed, 0 failed",
                "omap-pgtable.json: 100 passed, 0 failed",
                "pgsize-split.json: 143 passed, 0 failed",
                "424 passed, 0 failed",
            ],
            Cli.Lines(output));
    }

    [Fact]
    public void AnalyzeACFile_OutsideTheRepository_FindsTheVendorCallThroughTheInstalledLibclang()
    {
        File.WriteAllText(Path.Combine(_outside, "x.c"),
            "static int f(struct iommu *obj, u32 da, struct sg_table *sgt) { return iommu_vmap(obj, da, sgt, 0); }\n");

        var (code, output, err) = ToolPackageFixture.Run(_tool.Command, ["analyze", "x.c"], _outside);

        // C findings are warnings: exit 0. A missing libclang would be an unhandled DllNotFoundException instead.
        Assert.True(code == ExitCodes.Passed, $"exit {code}: {err}");
        Assert.Equal("", err);
        string[] lines = Cli.Lines(output);
        Assert.Equal(
            [
                "x.c(1,72): warning IOMMU002: iommu_vmap(): OMAP iovmm API: move to the DMA-mapping API or the ported iovmm; in C use dma_map_sg(dev, sgt->sgl, sgt->nents, dir) or omap_iommu_vmap(domain, dev, da, sgt, flags) [in f] (ast)",
                "1 findings in 1 projects; 1 C files, 0 with errors, 0 parsed in part",
            ],
            lines[^2..]);
    }

    [Fact]
    public void EveryFileCopiedNextToTheBuiltTool_IsInTheInstalledTool()
    {
        // The build output of src/Migration.Cli is what `dotnet run` uses; the installed tool must hold the same files
        // (vectors/, runtimes/linux-x64/native/libclang.so, the rule docs under docs/),
        // except the build's own launcher: the tool gets a shim in the tool path instead.
        Dictionary<string, long> built = Files(_tool.BuildOutput);
        built.Remove("migrate");
        Dictionary<string, long> installed = Files(_tool.InstalledFolder);

        Assert.Contains("vectors/pgsize-split.json", built.Keys);
        Assert.Contains("runtimes/linux-x64/native/libclang.so", built.Keys);
        Assert.Empty(built.Where(f => !installed.TryGetValue(f.Key, out long length) || length != f.Value).Select(f => f.Key));
        Assert.Contains("docs/IOMMU001.md", installed.Keys);
    }

    [Fact]
    public void TheInstalledToolsHelpLinks_OpenTheDocsInstalledWithIt()
    {
        File.WriteAllText(Path.Combine(_outside, "y.c"),
            "static int f(struct iommu *obj, u32 da, struct sg_table *sgt) { return iommu_vmap(obj, da, sgt, 0); }\n");

        var (code, output, err) = ToolPackageFixture.Run(_tool.Command, ["analyze", "y.c", "--format", "sarif"], _outside);

        Assert.True(code == ExitCodes.Passed, $"exit {code}: {err}");
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        string help = doc.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Single(r => r.GetProperty("id").GetString() == "IOMMU002").GetProperty("helpUri").GetString()!;
        Assert.Equal(new Uri(Path.Combine(_tool.InstalledFolder, "docs", "IOMMU002.md")).AbsoluteUri, help);
    }

    private static Dictionary<string, long> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'), f => new FileInfo(f).Length, StringComparer.Ordinal);
}

/// <summary>
/// Once per test class: `dotnet pack src/Migration.Cli --no-build` into a temporary feed, then `dotnet tool install
/// --tool-path` from that feed only. The pack reuses the build that `dotnet test` has just made of the tool (this test
/// project references it, in the same configuration), so the solution is not compiled a second time; and it only reads
/// that build: the publish step, the nuspec and the package go to this fixture's temporary folder. What is still
/// written under src/Migration.Cli/obj (DotnetToolSettings.xml, its input cache, the publish file list) no build
/// writes, so a build of the same project in the same test run cannot collide with it.
/// </summary>
public sealed class ToolPackageFixture : IDisposable
{
    /// <summary>The package id and version of src/Migration.Cli (the README's install line).</summary>
    public const string PackageId = "IommuMigration.Workbench", Version = "1.0.0";

    private readonly string _temp = Directory.CreateTempSubdirectory("migrate-tool-package-").FullName;

    /// <summary>Packs and installs the tool; throws with the CLI's output when either fails.</summary>
    public ToolPackageFixture()
    {
        string root = Cli.RepositoryRoot();
        // This test assembly's configuration and framework are those `dotnet test` built the referenced tool in.
        string configuration = typeof(ToolPackageFixture).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        string framework = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        BuildOutput = Path.Combine(root, "src", "Migration.Cli", "bin", configuration, framework);
        if (!File.Exists(Path.Combine(BuildOutput, "migrate.dll")))
            throw new InvalidOperationException($"no build of the tool at {BuildOutput}: the pack below reuses it (--no-build)");

        Feed = Path.Combine(_temp, "feed");
        Dotnet(root, "pack", Path.Combine(root, "src", "Migration.Cli", "Migration.Cli.csproj"), "--no-build", "-c", configuration, "-o", Feed,
            $"-p:PublishDir={Path.Combine(_temp, "publish")}/", $"-p:NuspecOutputPath={Path.Combine(_temp, "nuspec")}/");
        // The publish folder is as large as the installed tool (about 440 MB, libclang alone 217 MB) and no longer needed.
        Directory.Delete(Path.Combine(_temp, "publish"), recursive: true);

        // A nuget.config with this feed alone (and a private package folder): the install needs nothing from a registry,
        // and no package of the same id and version cached by an earlier run can stand in for this one.
        string config = Path.Combine(_temp, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="migrate-tool-test" value="{Feed}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_temp, "packages")}" />
              </config>
            </configuration>
            """);
        string tools = Path.Combine(_temp, "tools");
        Dotnet(_temp, "tool", "install", "--tool-path", tools, "--configfile", config, PackageId, "--version", Version);
        Command = Path.Combine(tools, "migrate");
        InstalledFolder = Path.GetDirectoryName(Directory.GetFiles(Path.Combine(tools, ".store"), "migrate.dll", SearchOption.AllDirectories).Single())!;
    }

    /// <summary>The folder feed holding the package.</summary>
    public string Feed { get; }

    /// <summary>The installed tool's shim (TMP/tools/migrate).</summary>
    public string Command { get; }

    /// <summary>The folder of the installed tool's files (migrate.dll and what was packed next to it).</summary>
    public string InstalledFolder { get; }

    /// <summary>src/Migration.Cli/bin/CONFIGURATION/FRAMEWORK, the build the package was made from.</summary>
    public string BuildOutput { get; }

    /// <summary>Deletes the feed, the publish folder and the installed tool.</summary>
    public void Dispose() => Directory.Delete(_temp, recursive: true);

    /// <summary>Exit code, stdout and stderr of <paramref name="file"/> run in <paramref name="workingDirectory"/>.</summary>
    public static (int Code, string Out, string Err) Run(string file, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        // The test host's MSBuild variables would point a child dotnet at this test's build.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in 5 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static void Dotnet(string workingDirectory, params string[] arguments)
    {
        var (code, output, err) = Run("dotnet", arguments, workingDirectory);
        if (code != 0)
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} exited {code}:\n{output}\n{err}");
    }
}
