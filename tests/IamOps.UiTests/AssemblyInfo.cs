using IamOps.UiTests.Infrastructure;

// One browser and one app for the run (tests that alter data beyond their own user start their own app); the
// tests share two CPU cores with the server, so they run one at a time.
[assembly: AssemblyFixture(typeof(BrowserFixture))]
[assembly: AssemblyFixture(typeof(UiApp))]
[assembly: CollectionBehavior(DisableTestParallelization = true)]
