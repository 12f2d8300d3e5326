// AutoTracker page behaviour. Loaded as a file (never inline) so the Content-Security-Policy can forbid inline script.
(function () {
    'use strict';

    // Reads the antiforgery request token that the server offers to signed-in pages in the XSRF-TOKEN cookie.
    function antiforgeryToken() {
        const match = document.cookie.split('; ').find(function (c) { return c.startsWith('XSRF-TOKEN='); });
        return match ? decodeURIComponent(match.substring('XSRF-TOKEN='.length)) : '';
    }

    window.autoTracker = {
        antiforgeryToken: antiforgeryToken,

        // Calls the JSON API with the signed-in cookie and the antiforgery header.
        api: function (method, url, body) {
            const options = {
                method: method,
                credentials: 'same-origin',
                headers: { 'RequestVerificationToken': antiforgeryToken(), 'Accept': 'application/json' }
            };
            if (body !== undefined) {
                options.headers['Content-Type'] = 'application/json';
                options.body = JSON.stringify(body);
            }
            return fetch(url, options);
        }
    };

    // Buttons and links marked data-confirm ask before they submit.
    document.addEventListener('click', function (event) {
        const target = event.target.closest('[data-confirm]');
        if (target && !window.confirm(target.getAttribute('data-confirm'))) {
            event.preventDefault();
        }
    });
})();
