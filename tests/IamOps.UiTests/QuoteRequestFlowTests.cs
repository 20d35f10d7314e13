using IamOps.UiTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IamOps.UiTests;

public sealed class QuoteRequestFlowTests(BrowserFixture browser, UiApp app)
{
    [Fact]
    public async Task The_client_requests_a_quote_the_provider_manager_quotes_it_and_the_client_admin_accepts_it()
    {
        var title = $"SAML federation with a partner IdP {Guid.NewGuid().ToString("N")[..6]}";
        await using var client = await UiSession.OpenAsync(browser, app);
        await using var provider = await UiSession.OpenAsync(browser, app);
        await client.SignInAsync(DemoUsers.AcmeAdmin);
        await provider.SignInAsync(DemoUsers.ProviderManager);

        await client.GoToAsync("/quotes");
        await client.Page.GetByTestId("new-quote").ClickAsync();
        await client.Page.Locator("#quote-title").FillAsync(title);
        await client.Page.Locator("#quote-description").FillAsync("Set up an identity-provider federation with our partner's SAML IdP.");
        await client.Page.GetByTestId("quote-submit").ClickAsync();
        await client.Page.WaitForURLAsync("**/quotes/*");
        var quoteUrl = new Uri(client.Page.Url).AbsolutePath;
        await Expect(client.Page.GetByTestId("status")).ToHaveTextAsync("requested");
        await Expect(client.Page.GetByTestId("waiting")).ToContainTextAsync("Waiting for a CLOUD-IAM manager to quote it.");

        await provider.GoToAsync("/quotes");
        var listed = provider.Page.GetByTestId("quote-table").GetByRole(AriaRole.Row).Filter(new() { HasText = title });
        await Expect(listed.GetByTestId("status")).ToHaveTextAsync("requested");
        await Expect(listed).ToContainTextAsync("Acme Retail");
        await provider.ScreenshotAsync("quotes-provider");
        await listed.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await provider.Page.WaitForURLAsync($"**{quoteUrl}");
        await provider.Page.Locator("#quote-text").FillAsync("Two days of engineering, including tests with the partner.");
        await provider.Page.GetByTestId("submit-quote").ClickAsync();
        await Expect(provider.Page.GetByTestId("problem")).ToContainTextAsync("Give the amount.");
        await provider.Page.Locator("#quote-amount").FillAsync("1250");
        await provider.Page.GetByTestId("submit-quote").ClickAsync();
        await Expect(provider.Page.GetByTestId("status")).ToHaveTextAsync("quoted");
        await Expect(provider.Page.GetByTestId("quote-amount")).ToHaveTextAsync("1,250.00 EUR");
        await Expect(provider.Page.GetByTestId("accept-quote")).ToHaveCountAsync(0);

        await client.GoToAsync(quoteUrl);
        await Expect(client.Page.GetByTestId("status")).ToHaveTextAsync("quoted");
        await Expect(client.Page.GetByTestId("quote-facts")).ToContainTextAsync("Two days of engineering");
        await client.ScreenshotAsync("quote-detail-client");
        await client.Page.GetByTestId("accept-quote").ClickAsync();
        await Expect(client.Page.GetByTestId("status")).ToHaveTextAsync("accepted");
        await Expect(client.Page.GetByTestId("accept-quote")).ToHaveCountAsync(0);

        await provider.GoToAsync("/quotes");
        await Expect(provider.Page.GetByTestId("quote-table").GetByRole(AriaRole.Row).Filter(new() { HasText = title }).GetByTestId("status"))
            .ToHaveTextAsync("accepted");
        await provider.Page.GetByTestId("status-filter").GetByText("requested", new() { Exact = true }).ClickAsync();
        await Expect(provider.Page.GetByTestId("quote-table")).Not.ToContainTextAsync(title);
    }

    [Fact]
    public async Task A_client_viewer_may_read_quotes_but_neither_request_nor_accept_them()
    {
        await using var viewer = await UiSession.OpenAsync(browser, app);
        await viewer.SignInAsync(DemoUsers.AcmeViewer);

        await viewer.GoToAsync("/quotes");

        await Expect(viewer.Page.GetByTestId("quote-table")).ToBeVisibleAsync();
        await Expect(viewer.Page.GetByTestId("new-quote")).ToHaveCountAsync(0);
    }
}
