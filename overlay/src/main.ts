console.log('overlay');
