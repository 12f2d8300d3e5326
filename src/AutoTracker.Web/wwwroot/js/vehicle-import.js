// Import page: checks the file size before upload and shows the vehicle choice only for records that need
// one, and the odometer option only for service records. It commits a previewed file through the API while
// polling its progress every 500 ms.
(function () {
    'use strict';

    const form = document.querySelector('[data-import-form]');
    if (form) {
        const kind = form.querySelector('[data-record-kind]');
        const vehicleField = form.querySelector('[data-vehicle-field]');
        const serviceOption = form.querySelector('[data-service-option]');
        const file = form.querySelector('[data-import-file]');
        const fileMessage = form.querySelector('[data-file-message]');
        const maxBytes = parseInt(form.getAttribute('data-max-bytes'), 10);

        const toggleFields = function () {
            vehicleField.classList.toggle('d-none', kind.value === 'Vehicles');
            serviceOption.classList.toggle('d-none', kind.value !== 'ServiceRecords');
        };
        kind.addEventListener('change', toggleFields);
        toggleFields();

        // The server checks the size too, so this only saves uploading a file that would be rejected.
        form.addEventListener('submit', function (event) {
            if (file.files.length === 1 && file.files[0].size > maxBytes) {
                event.preventDefault();
                fileMessage.textContent = form.getAttribute('data-text-too-large');
            }
        });
    }

    const commit = document.querySelector('[data-import-commit]');
    if (!commit) {
        return;
    }

    const button = commit.querySelector('[data-commit-button]');
    const progress = commit.querySelector('[data-import-progress]');
    const bar = commit.querySelector('[data-import-bar]');
    const progressText = commit.querySelector('[data-import-progress-text]');
    const result = commit.querySelector('[data-import-result]');
    const openLink = commit.querySelector('[data-import-open]');
    const pollMilliseconds = 500;
    let polling = null;

    function showProgress(processed, total) {
        const percent = total > 0 ? Math.min(100, Math.round(processed * 100 / total)) : 0;
        bar.style.width = percent + '%';
        progress.setAttribute('aria-valuenow', String(percent));
        progressText.textContent = commit.getAttribute('data-text-progress').replace('{0}', String(processed)).replace('{1}', String(total));
    }

    function poll() {
        window.autoTracker.api('GET', commit.getAttribute('data-progress-url'))
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (state) {
                if (state && polling !== null) {
                    showProgress(state.processed, state.total);
                }
            })
            .catch(function () { /* A missed poll is retried on the next tick. */ });
    }

    function showResult(success, text, details) {
        result.classList.remove('d-none', 'alert-success', 'alert-danger');
        result.classList.add(success ? 'alert-success' : 'alert-danger');
        result.textContent = text;
        details.forEach(function (line) {
            const item = document.createElement('div');
            item.textContent = line;
            result.appendChild(item);
        });
    }

    // The resource has one text for a single record and one for any other count.
    function importedText(count) {
        return count === 1
            ? commit.getAttribute('data-text-done-one')
            : commit.getAttribute('data-text-done-other').replace('{0}', String(count));
    }

    // Problem details from the API: the title, then each field error.
    function problemLines(problem) {
        const lines = [];
        if (problem && problem.title) {
            lines.push(problem.title);
        }
        if (problem && problem.errors) {
            Object.keys(problem.errors).forEach(function (key) {
                problem.errors[key].forEach(function (message) { lines.push(message); });
            });
        }
        return lines;
    }

    button.addEventListener('click', function () {
        button.disabled = true;
        progress.classList.remove('d-none');
        result.classList.add('d-none');
        showProgress(0, 0);
        polling = window.setInterval(poll, pollMilliseconds);

        window.autoTracker.api('POST', commit.getAttribute('data-commit-url'))
            .then(function (response) {
                return response.json().catch(function () { return null; }).then(function (body) {
                    return { ok: response.ok, body: body };
                });
            })
            .then(function (outcome) {
                window.clearInterval(polling);
                polling = null;
                if (outcome.ok) {
                    const count = outcome.body ? outcome.body.importedCount : 0;
                    // A small file is saved before the first poll, so the final count comes from the result.
                    showProgress(count, count);
                    bar.style.width = '100%';
                    progress.setAttribute('aria-valuenow', '100');
                    bar.classList.remove('progress-bar-animated');
                    showResult(true, importedText(count), []);
                    openLink.classList.remove('d-none');
                } else {
                    progress.classList.add('d-none');
                    showResult(false, commit.getAttribute('data-text-failed'), problemLines(outcome.body));
                    button.disabled = false;
                }
            })
            .catch(function (error) {
                window.clearInterval(polling);
                polling = null;
                progress.classList.add('d-none');
                showResult(false, commit.getAttribute('data-text-failed'), [String(error.message || error)]);
                button.disabled = false;
            });
    });
})();
