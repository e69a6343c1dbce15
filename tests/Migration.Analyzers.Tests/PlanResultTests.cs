using Migration.Analyzers.Fixes;

namespace Migration.Analyzers.Tests;

/// <summary>Issue 19: a planner's result says whether a fix applies without building the rewrite; the edits are built on demand.</summary>
public class PlanResultTests
{
    [Fact]
    public void AFixableResult_BuildsItsRewriteOnlyWhenAsked()
    {
        int builds = 0;
        PlanResult result = PlanResult.Of("rewrites it to one call", () =>
        {
            builds++;
            return new RewritePlan();
        });

        Assert.True(result.HasFix);
        Assert.Equal("rewrites it to one call", result.Description);
        Assert.Null(result.Reason);
        Assert.Equal(0, builds);
        Assert.NotNull(result.Build());
        Assert.Equal(1, builds);
    }

    [Fact]
    public void AResultWithoutAFix_HasItsReasonAndNothingToBuild()
    {
        PlanResult result = PlanResult.None("the handle flows on to other code");

        Assert.False(result.HasFix);
        Assert.Null(result.Description);
        Assert.Equal("the handle flows on to other code", result.Reason);
        Assert.Null(result.Build());
    }
}
