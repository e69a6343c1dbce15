using System.Text.Json.Nodes;

namespace Migration.Cli.Tests;

/// <summary>`migrate vectors`: 0 all passed, 1 a case failed, 2 bad input (parse errors, an empty folder).</summary>
public sealed class VectorsExitCodeTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("cli-vectors-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private static string Bundled(string name) => Path.Combine(Cli.RepositoryRoot(), "vectors", name);

    [Fact]
    public void APassingFile_Exits0()
    {
        var (code, output, err) = Cli.Run("vectors", Bundled("pgsize-split.json"));

        Assert.Equal(ExitCodes.Passed, code);
        Assert.Equal("", err);
        Assert.Equal(["pgsize-split.json: 143 passed, 0 failed", "143 passed, 0 failed"], Cli.Lines(output));
    }

    [Fact]
    public void ADoctoredExpectedPte_Exits1()
    {
        // One small case of the bundled OMAP file, its recorded lookup result changed.
        JsonNode doc = JsonNode.Parse(File.ReadAllText(Bundled("omap-pgtable.json")))!;
        JsonObject target = doc["cases"]!.AsArray().Select(c => c!.AsObject()).First(c => c["name"]!.GetValue<string>() == "store-4k-basic");
        Assert.Equal("0x09000002", target["results"]![1]!["pte"]!.GetValue<string>());
        target["results"]![1]!["pte"] = "0x09000003";
        doc["cases"] = new JsonArray(target.DeepClone());
        string doctored = Path.Combine(_scratch, "doctored.json");
        File.WriteAllText(doctored, doc.ToJsonString());

        var (code, output, err) = Cli.Run("vectors", doctored);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Equal("", err);
        string[] lines = Cli.Lines(output);
        Assert.Equal("doctored.json: 0 passed, 1 failed", lines[0]);
        Assert.Equal("  FAILED store-4k-basic", lines[1]);
        Assert.Contains("op 1: pte: expected 0x09000003, actual 0x09000002", output, StringComparison.Ordinal);
        Assert.Equal("0 passed, 1 failed", lines[^1]);
    }

    [Fact]
    public void AnEmptyFolder_Exits2_SayingItHoldsNoVectorFiles()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_scratch, "empty")).FullName;

        var (code, _, err) = Cli.Run("vectors", empty);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal([$"error: {empty}: the folder holds no vector files (*.json)"], Cli.Lines(err));
    }

    [Fact]
    public void AnEmptyFolderNextToAPassingFile_StillExits2()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_scratch, "empty")).FullName;

        var (code, output, _) = Cli.Run("vectors", Bundled("pgsize-split.json"), empty);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("143 passed, 0 failed", Cli.Lines(output)[^1]);
    }

    [Fact]
    public void AnUnknownOption_Exits2_NamingIt()
    {
        var (code, output, err) = Cli.Run("vectors", "--skip-pendnig", Bundled("pgsize-split.json"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal("", output);
        Assert.Equal(["error: unknown option '--skip-pendnig'", "usage: migrate vectors --help"], Cli.Lines(err));
    }

    [Fact]
    public void ABadFlagValue_Exits2_NamingIt()
    {
        // A flag takes only "true"/"false" after ':'; anything else is left as a path, which does not exist.
        var (code, output, err) = Cli.Run("vectors", "--skip-pending:maybe", Bundled("pgsize-split.json"));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(["error: maybe: no such file or folder"], Cli.Lines(err));
        Assert.Equal("143 passed, 0 failed", Cli.Lines(output)[^1]);
    }
}
