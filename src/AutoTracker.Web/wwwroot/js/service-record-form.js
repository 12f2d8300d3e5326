// Service record form: adds and removes lines and shows each line's amount and the total. Lines are
// renumbered after every change, because model binding reads Input.Lines[0], [1], ... and stops at a gap.
(function () {
    'use strict';

    const fieldset = document.querySelector('[data-service-lines]');
    if (!fieldset) {
        return;
    }

    const body = fieldset.querySelector('[data-lines-body]');
    const template = fieldset.querySelector('[data-line-template]');
    const addButton = fieldset.querySelector('[data-add-line]');
    const fullNote = fieldset.querySelector('[data-lines-full]');
    const totalCell = fieldset.querySelector('[data-lines-total]');
    const maxLines = parseInt(fieldset.getAttribute('data-max-lines'), 10);
    const linePattern = /Lines\[[^\]]*\]/;

    // MVC derives an id from a name by replacing '.', '[' and ']' with '_': Input.Lines[0].Kind -> Input_Lines_0__Kind.
    function idFromName(name) {
        return name.replace(/[.\[\]]/g, '_');
    }

    function renumber() {
        body.querySelectorAll('[data-line]').forEach(function (row, index) {
            row.querySelectorAll('[name]').forEach(function (field) {
                field.name = field.name.replace(linePattern, 'Lines[' + index + ']');
                field.id = idFromName(field.name);
            });
            row.querySelectorAll('[data-valmsg-for]').forEach(function (message) {
                message.setAttribute('data-valmsg-for', message.getAttribute('data-valmsg-for').replace(linePattern, 'Lines[' + index + ']'));
            });
        });

        const full = body.querySelectorAll('[data-line]').length >= maxLines;
        addButton.disabled = full;
        fullNote.classList.toggle('d-none', !full);
    }

    function number(input) {
        const value = parseFloat(input.value);
        return isNaN(value) ? 0 : value;
    }

    // Shows amounts rounded to cents, as the server stores them. The server recalculates them on save.
    function updateAmounts() {
        let total = 0;
        body.querySelectorAll('[data-line]').forEach(function (row) {
            const amount = Math.round(number(row.querySelector('[data-line-quantity]')) * number(row.querySelector('[data-line-unit-cost]')) * 100) / 100;
            total += amount;
            row.querySelector('[data-line-amount]').textContent = amount.toFixed(2);
        });
        totalCell.textContent = total.toFixed(2);
    }

    addButton.addEventListener('click', function () {
        const row = template.content.firstElementChild.cloneNode(true);
        body.appendChild(row);
        renumber();
        updateAmounts();
        row.querySelector('input').focus();
    });

    body.addEventListener('click', function (event) {
        const remove = event.target.closest('[data-remove-line]');
        if (remove) {
            remove.closest('[data-line]').remove();
            renumber();
            updateAmounts();
        }
    });

    body.addEventListener('input', updateAmounts);

    renumber();
    updateAmounts();
})();
