using Microsoft.Build.Locator;

namespace Migration.Analysis;

/// <summary>
/// Registers the SDK's MSBuild once per process (Microsoft.Build.Locator). It must run before any method that
/// touches MSBuild types is compiled, which is why the workspace code lives in other methods.
/// </summary>
public static class MsBuildRegistration
{
    private static readonly object Gate = new();

    /// <summary>Registers the default SDK instance unless one is registered already.</summary>
    public static void Ensure()
    {
        lock (Gate)
        {
            if (!MSBuildLocator.IsRegistered)
                MSBuildLocator.RegisterDefaults();
        }
    }
}
