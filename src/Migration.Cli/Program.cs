using System.CommandLine;
using Migration.Cli.Verbs;

namespace Migration.Cli;

/// <summary>Entry point of the `migrate` tool.</summary>
public static class Program
{
    /// <summary>Parses the command line and runs the verb; returns its exit code.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("IOMMU migration workbench: legacy vendor IOMMU drivers vs the generic IOMMU API");
        root.Subcommands.Add(VectorsVerb.Create(Console.Out, Console.Error));
        root.Subcommands.Add(EquivVerb.Create(Console.Out, Console.Error));
        root.Subcommands.Add(BenchVerb.Create(Console.Out, Console.Error));
        root.Subcommands.Add(ReportVerb.Create(Console.Out, Console.Error));
        root.Subcommands.Add(AnalyzeVerb.Create(Console.Out, Console.Error));
        return root.Parse(args).Invoke();
    }
}
