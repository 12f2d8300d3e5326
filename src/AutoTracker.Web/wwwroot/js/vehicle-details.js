// Vehicle details page: tab selection through the URL fragment, the economy unit selector and the economy chart.
(function () {
    'use strict';

    // Opens the tab named in the fragment (#fuel-entries), so links and redirects can land on a section.
    function showTabFromHash() {
        if (!window.location.hash) {
            return;
        }
        const button = document.querySelector('[data-bs-toggle="tab"][data-bs-target="' + CSS.escape(window.location.hash) + '"]');
        if (button) {
            bootstrap.Tab.getOrCreateInstance(button).show();
        }
    }

    // Keeps the fragment in step with the open tab, so a reload or a shared link shows the same section.
    document.querySelectorAll('[data-bs-toggle="tab"]').forEach(function (button) {
        button.addEventListener('shown.bs.tab', function () {
            history.replaceState(null, '', button.getAttribute('data-bs-target'));
        });
    });

    window.addEventListener('hashchange', showTabFromHash);
    showTabFromHash();

    // Selects marked data-auto-submit submit their form as soon as the choice changes.
    document.querySelectorAll('select[data-auto-submit]').forEach(function (select) {
        select.addEventListener('change', function () {
            select.form.requestSubmit();
        });
    });

    const canvas = document.getElementById('economy-chart');
    if (!canvas || typeof Chart === 'undefined') {
        return;
    }

    // The server writes the data as JSON into data-chart: labels (dates), values, unit, average.
    const data = JSON.parse(canvas.getAttribute('data-chart'));
    const datasets = [{
        label: data.label,
        data: data.values,
        tension: 0.2,
        pointRadius: 3
    }];
    if (data.average !== null) {
        datasets.push({
            label: data.averageLabel,
            data: data.values.map(function () { return data.average; }),
            borderDash: [6, 4],
            pointRadius: 0
        });
    }

    new Chart(canvas, {
        type: 'line',
        data: { labels: data.labels, datasets: datasets },
        options: {
            maintainAspectRatio: false,
            animation: false,
            scales: {
                y: { title: { display: true, text: data.unit } }
            }
        }
    });
})();
